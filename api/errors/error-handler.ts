import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@mikro-orm/core';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorKind } from '../../domain/shared/domain-error';
import type { Logger } from '../../platform/logger';
import { FAILURE_STATUS } from './failure-status';

const KIND_STATUS: Record<DomainErrorKind, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  LOCKED: 423,
};

interface ErrorBody {
  [field: string]: unknown;
  code: string;
  message: string;
  errors?: Record<string, string>;
  requestId?: string;
}

/** Field errors keyed by dotted path, as react-admin forms expect them; an unknown key is named with its own path. */
export function zodFieldErrors(error: ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of unknownKeys(issue)) errors[key] ??= issue.message;
      continue;
    }
    const key = issue.path.join('.') || '_';
    errors[key] ??= issue.message;
  }
  return errors;
}

function unknownKeys(issue: ZodError['issues'][number]): string[] {
  return issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [];
}

function validationError(error: ZodError): [number, ErrorBody] {
  const unknown = error.issues.flatMap(unknownKeys);
  if (unknown.length) {
    return [400, { code: 'VALIDATION.UNKNOWN_FIELD', message: `Champ inconnu : ${unknown.join(', ')}.`, errors: zodFieldErrors(error) }];
  }
  return [400, { code: 'VALIDATION.FAILED', message: 'Certains champs sont invalides.', errors: zodFieldErrors(error) }];
}

/** A workflow failure's first detail, when it is a plain object, adds its fields to the answer (e.g. attemptsLeft). */
function failureDetails(failure: ApplicationFailure): Record<string, unknown> {
  const [first] = failure.details ?? [];
  return first && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : {};
}

/** The HTTP answer of a known error (bulk routes report it per item); undefined for an unknown one. */
export function toHttp(err: unknown): [number, ErrorBody] | undefined {
  if (err instanceof DomainError) {
    return [KIND_STATUS[err.kind], { ...err.details, code: err.code, message: err.message, ...(err.errors ? { errors: err.errors } : {}) }];
  }
  if (err instanceof ZodError) return validationError(err);
  if (err instanceof NotFoundError) return [404, { code: 'RESOURCE.NOT_FOUND', message: 'Élément introuvable : il vient peut-être d’être supprimé.' }];
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    return [FAILURE_STATUS[err.cause.type] ?? 409, { ...failureDetails(err.cause), code: err.cause.type, message: err.cause.message }];
  }
  if (err instanceof WorkflowNotFoundError) {
    return [404, { code: 'WORKFLOW.NOT_FOUND', message: 'Processus introuvable ou terminé.' }];
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return [409, { code: 'WORKFLOW.ALREADY_STARTED', message: 'Ce processus est déjà en cours.' }];
  }
  if (err instanceof ServiceError) {
    return [503, { code: 'TEMPORAL.UNAVAILABLE', message: 'Le moteur de processus est indisponible, réessayez.' }];
  }
  const http = err as { type?: string; status?: number };
  if (http.type === 'entity.parse.failed') {
    return [400, { code: 'REQUEST.MALFORMED_JSON', message: 'Le corps de la requête n’est pas du JSON valide.' }];
  }
  if (http.type === 'entity.too.large') {
    return [413, { code: 'REQUEST.TOO_LARGE', message: 'Requête trop volumineuse.' }];
  }
  return undefined;
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ code: 'ROUTE.NOT_FOUND', message: `Aucune route ${req.method} ${req.path}.` });
};

/** The one place where errors become HTTP answers. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const mapped = toHttp(err);
    if (mapped) {
      res.status(mapped[0]).json(mapped[1]);
      return;
    }
    const requestId = (req as { id?: unknown }).id?.toString() ?? randomUUID();
    logger.error({ err, requestId, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json({ code: 'INTERNAL', message: 'Erreur interne : transmettez cet identifiant au support.', requestId });
  };
}
