// How a sound is put in words for listeners: valence and energy (0..1, as Spotify reports them) in
// the plain terms a playlist would use. The bands are fifths of each scale.

const VALENCE_WORDS = ['dark', 'wistful', 'mellow', 'warm', 'bright'] as const;
const ENERGY_WORDS = ['very calm', 'calm', 'mid-tempo', 'upbeat', 'high-energy'] as const;

const band = (x: number) => Math.max(0, Math.min(4, Math.floor(x * 5)));

/** A sound in words, e.g. `"bright, upbeat"` for valence 0.82 and energy 0.72. */
export function soundWords(valence: number, energy: number): string {
  return `${VALENCE_WORDS[band(valence)]}, ${ENERGY_WORDS[band(energy)]}`;
}

/** `"valence 0.82, energy 0.72"`. */
export function soundNumbers(valence: number, energy: number): string {
  return `valence ${valence.toFixed(2)}, energy ${energy.toFixed(2)}`;
}
