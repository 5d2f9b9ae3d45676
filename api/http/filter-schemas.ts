import { z } from './openapi';

/** A list filter's value given once or as an array (react-admin sends either). */
export const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).optional();
