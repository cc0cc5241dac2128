import type { Application } from '../schema/types.ts';
import type { TemplateParams } from './template.ts';

/** A front end and a database behind one router, front end reachable on 443. */
export function twoTier({ id, name, tenant }: TemplateParams): Application {
  return {
    schemaVersion: 1,
    id,
    name,
    tenant,
    version: 0,
    objects: [
      {
        id: 'ls-front',
        name: 'front',
        kind: 'switch',
        subnet: '10.10.1.0/24',
        dhcp: { enabled: true },
      },
      {
        id: 'ls-data',
        name: 'data',
        kind: 'switch',
        subnet: '10.10.2.0/24',
        dhcp: { enabled: true },
      },
      {
        id: 'lr-main',
        name: 'main',
        kind: 'router',
        interfaces: [
          { switch: 'ls-front', ip: '10.10.1.1' },
          { switch: 'ls-data', ip: '10.10.2.1' },
        ],
        routes: [],
        nat: [],
      },
      {
        id: 'front-1',
        name: 'front-1',
        kind: 'workload',
        workloadType: 'vm',
        tags: ['tier=front'],
        nics: [{ id: 'eth0', switch: 'ls-front', ip: '10.10.1.11' }],
      },
      {
        id: 'data-1',
        name: 'data-1',
        kind: 'workload',
        workloadType: 'vm',
        tags: ['tier=data'],
        nics: [{ id: 'eth0', switch: 'ls-data', ip: '10.10.2.11' }],
      },
      {
        id: 'g-front',
        name: 'front',
        kind: 'group',
        members: { type: 'tags', tags: ['tier=front'] },
      },
      { id: 'g-data', name: 'data', kind: 'group', members: { type: 'tags', tags: ['tier=data'] } },
      {
        id: 'fw-main',
        name: 'main',
        kind: 'firewall',
        priority: 100,
        rules: [
          {
            id: 'https-in',
            name: 'https to front',
            from: 'any',
            to: { group: 'g-front' },
            services: [{ protocol: 'tcp', ports: '443' }],
            action: 'allow-related',
            log: false,
            direction: 'to-lport',
          },
          {
            id: 'front-to-data',
            name: 'front to data',
            from: { group: 'g-front' },
            to: { group: 'g-data' },
            services: [{ protocol: 'tcp', ports: '5432' }],
            action: 'allow-related',
            log: false,
            direction: 'to-lport',
          },
          {
            id: 'default-drop',
            name: 'everything else',
            from: 'any',
            to: 'any',
            services: [],
            action: 'drop',
            log: true,
            direction: 'to-lport',
          },
        ],
      },
    ],
    layout: {
      positions: {
        'lr-main': { x: 300, y: 40 },
        'ls-front': { x: 120, y: 200 },
        'ls-data': { x: 480, y: 200 },
        'front-1': { x: 120, y: 360 },
        'data-1': { x: 480, y: 360 },
        'g-front': { x: 120, y: 500 },
        'g-data': { x: 480, y: 500 },
        'fw-main': { x: 760, y: 200 },
      },
      collapsed: [],
    },
  };
}
