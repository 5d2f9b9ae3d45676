import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import express from 'express';
import type { RuntimeConfig } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { RegistrationDurations } from '../workflows/registration/registration.messages';
import type { DecisionLoaders } from '../domain/access/decision.service';
import type { AccessCache } from './access/access-cache';
import type { CandidacyTerms } from '../workflows/administrator-candidacy/administrator-candidacy.messages';
import type { ApiRouter } from './http/route';
import type { ArrivalDurations } from '../workflows/collaborator-arrival/collaborator-arrival.messages';
import type { DepartureDurations } from '../workflows/collaborator-departure/collaborator-departure.messages';

/** What every router is built from: one ORM, one Temporal client per process. */
export interface ApiDeps {
  orm: MikroORM;
  temporal: Client;
  config: RuntimeConfig;
  logger: Logger;
  /** Overrides DOMAIN.md's durations (tests and operators shorten them). */
  registrationDurations?: RegistrationDurations;
  /** The process's access decision cache; without it every decision reads the database. */
  accessCache?: AccessCache;
  candidacyTerms?: CandidacyTerms;
  arrivalDurations?: ArrivalDurations;
  departureDurations?: DepartureDurations;
}

export interface ApiContext extends ApiDeps {
  registry: OpenAPIRegistry;
  /** How access decisions read the database when the cache cannot answer (shared by concurrent requests). */
  decisionLoaders: DecisionLoaders;
}

export function newRouter(ctx: ApiContext): ApiRouter {
  return { router: express.Router(), registry: ctx.registry };
}
