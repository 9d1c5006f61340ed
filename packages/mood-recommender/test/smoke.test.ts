import { expect, test } from 'vitest';
import * as m from '@moodtunes/mood-recommender';
test('resolves source', () => { expect(m).toBeTypeOf('object'); });
