/** Protocol fields decoded from a sampled packet header, outermost first. */
export interface DecodedPacket {
  readonly ethernet?: EthernetHeader;
  /** 802.1Q / 802.1ad tags, outer tag first */
  readonly vlans: readonly VlanTag[];
  readonly ip?: Ipv4Header | Ipv6Header;
  readonly transport?: TransportHeader;
  /** VXLAN or Geneve encapsulation and the packet it carries */
  readonly tunnel?: TunnelHeader;
  /** the sampled bytes ended before the headers did */
  readonly truncated: boolean;
}

export interface EthernetHeader {
  readonly src: string;
  readonly dst: string;
  /** EtherType after any VLAN tags */
  readonly etherType: number;
}

export interface VlanTag {
  /** 0x8100 or 0x88a8 */
  readonly tpid: number;
  readonly id: number;
  readonly priority: number;
}

export interface Ipv4Header {
  readonly version: 4;
  readonly src: string;
  readonly dst: string;
  readonly protocol: number;
  readonly ttl: number;
  readonly tos: number;
  readonly totalLength: number;
  readonly id: number;
  /** fragment offset in bytes; transport fields are decoded only for offset 0 */
  readonly fragmentOffset: number;
  readonly moreFragments: boolean;
}

export interface Ipv6Header {
  readonly version: 6;
  readonly src: string;
  readonly dst: string;
  /** upper-layer protocol after extension headers */
  readonly protocol: number;
  readonly hopLimit: number;
  readonly trafficClass: number;
  readonly flowLabel: number;
  readonly payloadLength: number;
}

export type TransportHeader =
  | {
      readonly protocol: 'tcp';
      readonly srcPort: number;
      readonly dstPort: number;
      /** the 9 flag bits (NS..FIN) */
      readonly flags: number;
    }
  | {
      readonly protocol: 'udp';
      readonly srcPort: number;
      readonly dstPort: number;
      readonly length: number;
    }
  | { readonly protocol: 'icmp' | 'icmpv6'; readonly type: number; readonly code: number };

export interface TunnelHeader {
  readonly type: 'vxlan' | 'geneve';
  readonly vni: number;
  readonly inner: DecodedPacket;
}
