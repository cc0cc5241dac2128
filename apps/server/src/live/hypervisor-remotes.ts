import { isIP } from 'node:net';

/** One hypervisor of an OVN site: its Open_vSwitch DB and the sFlow agent address it sends as. */
export interface HypervisorRemote {
  readonly agent: string;
  readonly remote: string;
}

const HOST = /^(?:tcp|ssl):(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):\d{1,5}$/;

/**
 * Parses an `ovs_remote` value: comma-separated `REMOTE` or `AGENT@REMOTE`. Without an agent,
 * a `tcp:`/`ssl:` remote's host is taken as the agent (a hypervisor usually sends sFlow from
 * the address its DB listens on) and a `unix:` remote means this machine, `127.0.0.1`.
 * Returns the reason instead when an entry names no usable agent.
 */
export function parseHypervisorRemotes(text: string): HypervisorRemote[] | string {
  const hypervisors: HypervisorRemote[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    const at = entry.indexOf('@');
    const remote = at < 0 ? entry : entry.slice(at + 1);
    let agent = at < 0 ? undefined : entry.slice(0, at).replace(/^\[|\]$/g, '');
    if (agent !== undefined && isIP(agent) === 0)
      return `"${agent}" in "${entry}" is not an IP address: the agent is the address the hypervisor's sFlow datagrams carry`;
    if (agent === undefined) {
      const host = HOST.exec(remote);
      agent = host ? (host[1] ?? host[2]) : remote.startsWith('unix:') ? '127.0.0.1' : undefined;
      if (agent === undefined || (host && isIP(agent) === 0))
        return `"${entry}" names no sFlow agent address: write it as AGENT@${remote}, e.g. 192.0.2.10@${remote}`;
    }
    if (hypervisors.some((h) => h.agent === agent))
      return `sFlow agent ${agent} is given twice: each hypervisor sends from its own address`;
    hypervisors.push({ agent, remote });
  }
  return hypervisors;
}
