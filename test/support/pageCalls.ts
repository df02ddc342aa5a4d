import type { CallContext } from '../../main/api/context';
import { dispatch, type CallTarget } from '../../main/api/dispatch';
import type { Core } from '../../main/core';

/** A call as the page makes it (browser transport), by `operator`, through whatever archive the core has open now. */
export function callAsPage(core: Core, name: string, input: unknown, operator: CallContext['operator']) {
  const target: CallTarget = {
    get handlers() {
      return core.handlers;
    },
    demo: core.demo,
    operator: () => operator,
  };
  return dispatch(target, name, input, 'browser');
}

/** The call's value; a refusal fails the test with its code and message. */
export async function valueAsPage<T>(core: Core, name: string, input: unknown, operator: CallContext['operator']): Promise<T> {
  const r = await callAsPage(core, name, input, operator);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
