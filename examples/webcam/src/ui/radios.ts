// A segmented control's buttons, shared by the settings fields.
import { h } from '../dom';

/** One radio button per value, `current` checked; a click calls `pick`. */
export function radios<T extends string>(values: readonly T[], current: T, pick: (value: T) => void): HTMLElement[] {
  return values.map((value) =>
    h(
      'button',
      {
        type: 'button',
        role: 'radio',
        'aria-checked': String(value === current),
        class: value === current ? 'active' : '',
        'data-value': value,
        onclick: () => pick(value),
      },
      value,
    ),
  );
}
