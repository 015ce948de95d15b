/**
 * Dialogue choice ids carry everything a button means, so a click still makes sense after a
 * restart, on an old message, or twice (steps are named, so a repeated "next" does nothing).
 *   rec:<slot>:<choice>   rec:<slot>:skip   rec:ctl:back:<step>   rec:ctl:cancel   rec:ctl:restart
 *   rec:ctl:ask:<slot>.<code>   rec:ctl:fill:<code>   (answers so far carried in <code>, see slot-code.ts)
 *   tour:next:<step>   tour:back:<step>   tour:check:<step>:<letter>   tour:stop   tour:restart
 * Buttons that open a flow from outside it use the core's ids (src/core/answer/choice-id.ts).
 */

export const START_RECOMMEND = 'start:recommend';
export const START_TOUR = 'start:tour';

export type DialogueAction =
  | { flow: 'recommend'; type: 'answer'; slot: string; choice: string }
  | { flow: 'recommend'; type: 'back'; step: string }
  | { flow: 'recommend'; type: 'cancel' }
  | { flow: 'recommend'; type: 'restart' }
  /** Ask one question again, with the answers the button carries (under a leaning verdict). */
  | { flow: 'recommend'; type: 'ask'; slot: string; code: string }
  /** Start a recommendation with the answers the button carries (offered under an answer). */
  | { flow: 'recommend'; type: 'fill'; code: string }
  | { flow: 'tour'; type: 'next'; step: string }
  | { flow: 'tour'; type: 'back'; step: string }
  | { flow: 'tour'; type: 'check'; step: string; choice: string }
  | { flow: 'tour'; type: 'stop' }
  | { flow: 'tour'; type: 'restart' };

export const recId = {
  answer: (slot: string, choice: string) => `rec:${slot}:${choice}`,
  skip: (slot: string) => `rec:${slot}:skip`,
  back: (step: string) => `rec:ctl:back:${step}`,
  cancel: () => 'rec:ctl:cancel',
  restart: () => 'rec:ctl:restart',
  ask: (slot: string, code: string) => `rec:ctl:ask:${slot}.${code}`,
  fill: (code: string) => `rec:ctl:fill:${code}`,
};

export const tourId = {
  next: (step: string) => `tour:next:${step}`,
  back: (step: string) => `tour:back:${step}`,
  check: (step: string, choice: string) => `tour:check:${step}:${choice}`,
  stop: () => 'tour:stop',
  restart: () => 'tour:restart',
};

/** True for ids this engine made (recommendation and tour buttons). */
export function isDialogueChoice(id: string): boolean {
  return id.startsWith('rec:') || id.startsWith('tour:');
}

export function parseDialogueChoice(id: string): DialogueAction | null {
  const [head, a, b, c, ...rest] = id.split(':');
  if (rest.length > 0 || !a) return null;
  if (head === 'rec') {
    if (a === 'ctl') {
      if (b === 'back' && c) return { flow: 'recommend', type: 'back', step: c };
      if (b === 'cancel' && !c) return { flow: 'recommend', type: 'cancel' };
      if (b === 'restart' && !c) return { flow: 'recommend', type: 'restart' };
      if (b === 'fill' && c !== undefined) return { flow: 'recommend', type: 'fill', code: c };
      if (b === 'ask' && c) {
        const [slot, code, extra] = c.split('.');
        return slot && code !== undefined && extra === undefined ? { flow: 'recommend', type: 'ask', slot, code } : null;
      }
      return null;
    }
    return b && !c ? { flow: 'recommend', type: 'answer', slot: a, choice: b } : null;
  }
  if (head === 'tour') {
    if (a === 'next' && b && !c) return { flow: 'tour', type: 'next', step: b };
    if (a === 'back' && b && !c) return { flow: 'tour', type: 'back', step: b };
    if (a === 'check' && b && c) return { flow: 'tour', type: 'check', step: b, choice: c };
    if (a === 'stop' && !b) return { flow: 'tour', type: 'stop' };
    if (a === 'restart' && !b) return { flow: 'tour', type: 'restart' };
  }
  return null;
}
