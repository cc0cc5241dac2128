/** One packet from a capture file. */
export interface CapturedPacket {
  /** capture time, milliseconds since the Unix epoch (sub-ms precision kept as a fraction) */
  readonly timestampMs: number;
  /** LINKTYPE_* value of the interface it was captured on */
  readonly linkType: number;
  /** captured bytes (a view into the file) */
  readonly data: Uint8Array;
  /** length on the wire, possibly more than `data.length` */
  readonly originalLength: number;
}

export interface CaptureFile {
  readonly format: 'pcap' | 'pcapng';
  readonly packets: readonly CapturedPacket[];
  /** the file ended in the middle of a record; packets read before it are kept */
  readonly truncated: boolean;
}

/** A UDP payload found in a capture. */
export interface UdpPayload {
  readonly timestampMs: number;
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}
