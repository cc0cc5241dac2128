export { isOurs, type StartedProcess, startDaemon, stopProcess } from './daemons.ts';
export { LabError, type LabErrorCode } from './errors.ts';
export { startFollower } from './follow-process.ts';
export {
  type FollowTarget,
  resolveFollowTarget,
  SiteFollower,
  type WorkloadSync,
} from './follower.ts';
export { type DownReport, LabSite, type LabStatus, listNamespaces } from './lab.ts';
export { checkHost, missingPrograms, REQUIRED_PROGRAMS } from './preflight.ts';
export {
  type RegisterTarget,
  registerCommand,
  registerSite,
  type SiteRegistration,
  siteRegistration,
} from './register.ts';
export { SITE_PORTS, type SiteConfig, siteConfig, siteNames } from './site.ts';
export { type LabState, readState } from './state.ts';
export {
  formatTrafficProfile,
  parseTrafficProfile,
  type TrafficProfile,
  trafficCommand,
} from './traffic.ts';
export { type PlannedNic, type PlannedWorkload, planWorkloads } from './workload-plan.ts';
export { LabAgent, type SyncReport } from './workloads.ts';
