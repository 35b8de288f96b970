import type { Request, Response } from 'express';
import type { z } from 'zod';
import { fieldErrorOf, type FieldError } from '../http/form-errors';
import { parseForm } from './admin.schema';

type Show = (res: Response, status: number, errors: FieldError[], values: object) => void;

/**
 * The handlers of the forms on one page (a unit's, a counter's, a service field's): parse the
 * form, make the change, back to the page; or the page again (422) with each error next to
 * its field, a service's refusal (AppError 422) next to `field`.
 */
export function formPosts(show: Show, back: (res: Response) => void) {
  return <T>(schema: z.ZodType<T>, apply: (res: Response, value: T) => void, field = 'form') =>
    (req: Request, res: Response) => {
      const parsed = parseForm(schema, req.body);
      if (!parsed.ok) return show(res, 422, parsed.errors, req.body ?? {});
      try {
        apply(res, parsed.value);
        back(res);
      } catch (err) {
        show(res, 422, [fieldErrorOf(err, field)], req.body ?? {});
      }
    };
}
