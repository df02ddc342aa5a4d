import type { z } from 'zod';
import type { ApiCalls, CallName, CallOutput } from '../../../shared/api';
import type { CallContext } from '../context';

export type Handler<N extends CallName> = (input: z.output<ApiCalls[N]['input']>, ctx: CallContext) => CallOutput<N> | Promise<CallOutput<N>>;

/** The handlers of one feature's calls (`calls` is that feature's part of the contract). */
export type HandlersOf<Calls> = { [N in keyof Calls & CallName]: Handler<N> };

/** The whole contract implemented. */
export type Handlers = { [N in CallName]: Handler<N> };
