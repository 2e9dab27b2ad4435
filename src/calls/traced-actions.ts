import type { ProviderAction, ProviderEvent } from '../providers/types.js';
import type { TraceableAction } from './config-options.js';
import type { CallContext } from './live-call.js';
import type { CallSession } from './session.js';

/** The other party's number: whom the agent called, or who called. */
const otherParty = (session: CallSession) => (session.direction === 'outbound' ? session.to : session.from);

/**
 * `configure({ traceActions })` for one call: which of the wanted actions this event makes due, each once
 * per call (`done` remembers them). "call-started" waits for the provider's call id (so that the action
 * names the record), or for the end of a call that never got one.
 */
export function dueActions(session: CallSession, event: ProviderEvent, wanted: ReadonlySet<TraceableAction>, done: Set<TraceableAction>): TraceableAction[] {
  const due: TraceableAction[] = [];
  if ((session.callSid !== undefined || session.isOver) && !done.has('call-started')) due.push('call-started');
  if (event.type === 'connected') due.push('call-answered');
  if (session.isOver) due.push('call-ended');
  const taken = due.filter((type) => wanted.has(type) && !done.has(type));
  taken.forEach((type) => done.add(type));
  return taken;
}

/** The traced action of a call: its id is the record's plus the type, so that it is stored once. */
export function tracedAction(type: TraceableAction, session: CallSession, context: CallContext): ProviderAction {
  const callId = `${session.provider}:${session.ensureCallSid()}`;
  return {
    id: `${callId}:${type}`,
    type,
    callId,
    leadId: context.leadId,
    requestId: context.requestId,
    agentId: context.agentId,
    userId: context.userId,
    phoneNumber: otherParty(session),
    userDisplayName: context.displayName,
  };
}
