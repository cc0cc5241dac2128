export type {
  ControllerApplyResult,
  ControllerChange,
  ControllerDriver,
  ControllerEvent,
  ControllerInfo,
  ControllerPlan,
} from './controller.ts';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics.ts';
export { hasErrors } from './diagnostics.ts';
export { ModelError, type ModelErrorCode } from './errors.ts';
export type { PacketProtocol } from './firewall.ts';
export {
  type AddressPlan,
  type AddressSource,
  allocateAddresses,
  healthCheckSource,
  type NicAddresses,
  type RouterPortAddresses,
  resolveAddresses,
  stableMac,
  subnetCapacity,
} from './ipam.ts';
export { autoLayout } from './layout.ts';
export type { Cidr, IpAddress, IpFamily, IpRange } from './net/ip.ts';
export {
  cidrContains,
  cidrCovers,
  cidrOverlaps,
  formatCidr,
  formatIp,
  parseCidr,
  parseIp,
  parseIpRange,
} from './net/ip.ts';
export { isMac } from './net/mac.ts';
export { type ParseResult, parseApplication } from './parse.ts';
export {
  applyPlan,
  type Change,
  deepEqual,
  diffObject,
  type FieldChange,
  KIND_ORDER,
  plan,
} from './plan.ts';
export type { Hop } from './routing.ts';
export { DESIGN_SCHEMA_VERSION } from './schema/application.ts';
export * as schemas from './schema/index.ts';
export type * from './schema/types.ts';
export * from './snapshot/index.ts';
export { type Template, templateById, templates } from './templates/index.ts';
export { validate } from './validate/validate.ts';
export { type DecidingRule, type WhatIfQuery, type WhatIfResult, whatIf } from './what-if.ts';
