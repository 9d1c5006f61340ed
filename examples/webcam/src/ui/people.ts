// The people card: enrol "me" from the camera, who is enrolled, and deleting them.
import { $, h, replaceChildren } from '../dom';
import type { PeopleState } from '../identity/people';
import type { AppStore } from '../state/app-state';

export interface PeopleActions {
  enroll: (name: string) => void;
  /** One person, or everyone when `name` is undefined. */
  forget: (name?: string) => void;
}

/** Draws the people card into #people. */
export function mountPeople(store: AppStore, actions: PeopleActions): void {
  const input = h('input', { id: 'enroll-name', type: 'text', value: 'me', maxlength: 40, 'aria-label': 'Name to enrol' });
  const button = h('button', { class: 'button small primary', id: 'enroll', type: 'button' }, 'Enrol from camera');
  button.addEventListener('click', () => {
    if (input.value.trim()) actions.enroll(input.value);
  });
  const status = h('p', { class: 'help', id: 'enroll-status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'people-list', id: 'people-list' });
  const remove = h(
    'button',
    { class: 'button small ghost', id: 'forget-all', type: 'button', onclick: () => actions.forget() },
    'Delete all face data',
  );
  replaceChildren(
    $('#people'),
    h('h2', { class: 'card-title' }, 'People'),
    h('p', { class: 'help' }, 'Enrol yourself and the music learns from your likes and skips; everyone else gets the shared list.'),
    h('div', { class: 'enroll-row' }, input, button),
    status,
    list,
    remove,
    h(
      'p',
      { class: 'help privacy-note' },
      'Who is who is worked out in this tab. Enrolling keeps 5 face embeddings (128 numbers each, not pictures) in this browser’s local storage, with your likes and skips; nothing is uploaded. “Delete all face data” erases them.',
    ),
  );
  store.select(
    (s) => [s.people, s.source, s.analysis !== null && s.analysis.faces.length > 0],
    () => {
      const { people, source, analysis } = store.getState();
      const face = analysis !== null && analysis.faces.length > 0;
      button.toggleAttribute('disabled', people.enrolment !== null || source !== 'camera' || !face);
      status.textContent = statusText(people, source === 'camera', face);
      replaceChildren(
        list,
        people.names.map((name) =>
          h(
            'li',
            { 'data-name': name },
            h('span', { class: 'person-name' }, name),
            h(
              'button',
              { class: 'button small ghost', type: 'button', title: `Forget ${name}`, onclick: () => actions.forget(name) },
              'Forget',
            ),
          ),
        ),
      );
      remove.toggleAttribute('disabled', people.names.length === 0);
    },
  );
}

function statusText(people: PeopleState, camera: boolean, face: boolean): string {
  if (people.problem) return people.problem;
  if (people.enrolment)
    return `Enrolling ${people.enrolment.name}… ${people.enrolment.done}/${people.enrolment.total} frames. Keep looking at the camera.`;
  if (!camera) return 'Enrolling uses the camera: switch to it to enrol.';
  if (!face) return 'Face the camera to enrol.';
  return people.names.length === 0 ? 'No one enrolled yet.' : '';
}
