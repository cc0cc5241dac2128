import { AppliesInFlightStore } from './applies-in-flight.ts';
import { AppStore } from './apps.ts';
import { AuditStore } from './audit.ts';
import { ControllerStore } from './controllers.ts';
import { type Db, openDatabase } from './db.ts';
import { DeploymentStore } from './deployments.ts';
import { SessionStore } from './sessions.ts';
import { SnapshotStore } from './snapshots.ts';
import { TenantStore } from './tenants.ts';
import { TokenStore } from './tokens.ts';
import { UserStore } from './users.ts';

/** Every repository over one SQLite file. */
export class Store {
  readonly db: Db;
  readonly tenants: TenantStore;
  readonly users: UserStore;
  readonly apps: AppStore;
  readonly controllers: ControllerStore;
  readonly deployments: DeploymentStore;
  readonly audit: AuditStore;
  readonly tokens: TokenStore;
  readonly sessions: SessionStore;
  readonly snapshots: SnapshotStore;
  readonly appliesInFlight: AppliesInFlightStore;

  constructor(db: Db) {
    this.db = db;
    this.tenants = new TenantStore(db);
    this.users = new UserStore(db);
    this.apps = new AppStore(db);
    this.controllers = new ControllerStore(db);
    this.deployments = new DeploymentStore(db);
    this.audit = new AuditStore(db);
    this.tokens = new TokenStore(db);
    this.sessions = new SessionStore(db);
    this.snapshots = new SnapshotStore(db);
    this.appliesInFlight = new AppliesInFlightStore(db);
  }

  /** Opens the store under a data directory. */
  static open(dataDir: string): Store {
    return new Store(openDatabase(dataDir));
  }

  /** Runs `fn` as one SQLite transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
