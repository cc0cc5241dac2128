const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/** True for a colon-separated 48-bit MAC such as `0a:58:0a:00:01:0b`. */
export function isMac(text: string): boolean {
  return MAC.test(text);
}

/** True when the group bit is set: such an address cannot be a NIC's own. */
export function isMulticastMac(text: string): boolean {
  return (Number.parseInt(text.slice(0, 2), 16) & 1) === 1;
}

/** Lower-case canonical form, for comparisons. */
export function normalizeMac(text: string): string {
  return text.toLowerCase();
}
