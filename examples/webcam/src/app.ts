// Wires the state, the analyzer, the catalogs and the views together.
import { BUNDLED_MODELS, type BundledModel } from '@moodtunes/fer-core';
import { recommend, type RecommendMode, type Strategy, STRATEGIES } from '@moodtunes/mood-recommender';
import type { SpotifyAdapter } from '@moodtunes/spotify-adapter';
import { Analyzer, BACKEND_CHOICES, messageOf, type Analysis, type BackendChoice } from './analyzer';
import { CameraError, closeCamera, openCamera, type CameraProblem } from './camera';
import { importCsvFile, loadDemoCatalog, prepare, type LoadedCatalog } from './catalogs';
import { $, h, replaceChildren } from './dom';
import type { Emotion } from './emotions';
import * as spotify from './spotify';
import { effectiveEmotion, type AppState, type Source } from './state';
import { Store } from './store';
import { mountCatalog } from './ui/catalog';
import { COUNT_RANGE, mountControls } from './ui/controls';
import { mountFaces } from './ui/faces';
import { mountMood } from './ui/mood';
import { mountRecommendations } from './ui/recommendations';
import { mountStage } from './ui/stage';

const SETTINGS_KEY = 'moodtunes.settings';
const SPOTIFY_TRACK_LIMIT = 2000;

const CAMERA_TITLES: Record<CameraProblem, string> = {
  insecure: 'The camera needs a secure page',
  unsupported: 'This browser has no camera support',
  denied: 'Camera permission denied',
  'no-camera': 'No camera found',
  busy: 'The camera is busy',
  failed: 'The camera could not start',
};

const NO_FACE: Record<Source, string> = {
  camera: 'No face found. Face the camera in good light; the music keeps the last mood.',
  photo: 'No face found in this photo. Try one with a clear, frontal face.',
  video: 'No face in this part of the video; the music keeps the last mood.',
};

interface Settings {
  strategy: Strategy;
  mode: RecommendMode;
  count: number;
}

export function startApp(): void {
  const params = new URLSearchParams(location.search);
  const settings = loadSettings();
  const demo = loadDemoCatalog();
  const backendChoice = parseChoice(params.get('backend'), BACKEND_CHOICES, 'auto');
  const modelChoice = parseChoice(params.get('model'), BUNDLED_MODELS, 'accurate');
  const store = new Store<AppState>({
    source: parseSource(params.get('source')),
    mirrored: true,
    notice: null,
    banner: null,
    hint: null,
    analysis: null,
    detected: null,
    override: null,
    ...settings,
    backendChoice,
    modelChoice,
    backend: { status: 'loading', requested: backendChoice, model: modelChoice },
    fps: 0,
    catalog: demo,
    catalogTask: null,
    catalogMessage: null,
    spotifyConnected: false,
    result: null,
    resultError: null,
  });
  const video = $<HTMLVideoElement>('#video');
  const photo = $<HTMLImageElement>('#photo');
  let spotifyAdapter: SpotifyAdapter | null = null;
  let csvCatalog: LoadedCatalog | null = null;
  let mediaUrl: string | null = null;

  const analyzer = new Analyzer({
    backend(backend) {
      store.update({ backend, fps: 0 });
      if (backend.status === 'failed') {
        store.update({
          banner: {
            tone: 'error',
            text: `The face models could not start on any backend (${backend.reason}). Recommendations still work: pick a mood under “Manual override”.`,
          },
        });
      } else if (backend.fallback) {
        store.update({ banner: { tone: 'warn', text: backend.fallback } });
      }
    },
    frame: (analysis, fps) => showAnalysis(analysis, fps),
    error: (message) => store.update({ hint: message }),
  });

  function showAnalysis(analysis: Analysis, fps = store.get().fps): void {
    const state = store.get();
    store.update({
      analysis,
      fps,
      detected: analysis.group?.emotion ?? state.detected,
      hint: analysis.faces.length === 0 ? NO_FACE[state.source] : null,
    });
  }

  // Media sources -----------------------------------------------------------------------------

  function showMedia(kind: 'video' | 'photo'): void {
    video.hidden = kind !== 'video';
    photo.hidden = kind !== 'photo';
  }

  function releaseMedia(): void {
    analyzer.stop();
    closeCamera(video);
    video.pause();
    video.removeAttribute('src');
    video.controls = false;
    video.load();
    if (mediaUrl) URL.revokeObjectURL(mediaUrl);
    mediaUrl = null;
  }

  async function startCamera(): Promise<void> {
    releaseMedia();
    showMedia('video');
    store.update({ notice: null, analysis: null, mirrored: true, hint: 'Starting the camera…' });
    try {
      await openCamera(video);
    } catch (error) {
      const problem = error instanceof CameraError ? error : new CameraError('failed', messageOf(error));
      if (store.get().source === 'camera') {
        store.update({ hint: null, notice: { title: CAMERA_TITLES[problem.problem], text: problem.message, action: 'retry-camera' } });
      }
      return;
    }
    if (store.get().source !== 'camera') return closeCamera(video);
    store.update({ hint: store.get().backend.status === 'loading' ? 'Loading the face models…' : 'Looking for faces…' });
    analyzer.start(video, () => performance.now());
  }

  async function openPhoto(file: File): Promise<void> {
    releaseMedia();
    if (!file.type.startsWith('image/')) return void store.update({ hint: `${file.name} is not an image.` });
    mediaUrl = URL.createObjectURL(file);
    photo.src = mediaUrl;
    showMedia('photo');
    store.update({ notice: null, analysis: null, mirrored: false, hint: 'Analysing the photo…' });
    try {
      await photo.decode();
    } catch {
      return void store.update({ hint: `${file.name} could not be read as an image.` });
    }
    await analyzePhoto();
  }

  async function analyzePhoto(): Promise<void> {
    if (!photo.src || photo.hidden) return;
    $('#stage').style.aspectRatio = `${photo.naturalWidth} / ${photo.naturalHeight}`;
    const analysis = await analyzer.analyzeImage(photo);
    if (analysis) showAnalysis(analysis);
    else if (store.get().backend.status === 'failed')
      store.update({ hint: 'The face models are not available, so the photo cannot be analysed.' });
  }

  async function openVideo(file: File): Promise<void> {
    releaseMedia();
    if (!file.type.startsWith('video/') && !/\.(mp4|webm|mov|m4v|ogv)$/i.test(file.name)) {
      return void store.update({ hint: `${file.name} is not a video.` });
    }
    mediaUrl = URL.createObjectURL(file);
    showMedia('video');
    store.update({ notice: null, analysis: null, mirrored: false, hint: 'Opening the video…' });
    video.controls = true;
    video.muted = true;
    video.src = mediaUrl;
    try {
      await video.play();
    } catch {
      return void store.update({ hint: `This browser cannot play ${file.name}. Try an MP4 (H.264) or WebM file.` });
    }
    store.update({ hint: null });
    analyzer.start(video, () => video.currentTime * 1000);
  }

  // A jump in the video is a new scene for the tracker.
  video.addEventListener('seeking', () => analyzer.resetTracks());

  function selectSource(source: Source): void {
    releaseMedia();
    store.update({
      source,
      notice: null,
      analysis: null,
      hint: source === 'camera' ? null : source === 'photo' ? 'Choose a photo to analyse.' : 'Choose a video file to analyse.',
    });
    if (source === 'camera') void startCamera();
  }

  // Catalogs ------------------------------------------------------------------------------------

  /** The demo and the latest CSV stay loaded (the CSV also feeds Spotify features); a Spotify catalog is freed when replaced. */
  function useCatalog(next: LoadedCatalog, message: string): void {
    const previous = store.get().catalog;
    store.update({ catalog: next, catalogMessage: { tone: 'info', text: message } });
    if (previous !== next && previous.kind === 'spotify') previous.prepared.dispose();
  }

  async function openCsv(file: File): Promise<void> {
    store.update({ catalogMessage: null, catalogTask: { title: `Importing ${file.name}`, progress: 'starting' } });
    try {
      const loaded = await importCsvFile(file, (p) =>
        store.update({
          catalogTask: {
            title: `Importing ${file.name}`,
            progress: `${p.rowsRead.toLocaleString('en')} rows read, ${p.tracks.toLocaleString('en')} tracks`,
          },
        }),
      );
      const old = csvCatalog;
      csvCatalog = loaded;
      useCatalog(loaded, `Using ${loaded.prepared.size.toLocaleString('en')} tracks from ${file.name}.`);
      old?.prepared.dispose();
    } catch (error) {
      store.update({
        catalogMessage: { tone: 'error', text: `${sentence(`${file.name}: ${messageOf(error)}`)} The current catalog stays in use.` },
      });
    } finally {
      store.update({ catalogTask: null });
    }
  }

  async function connectSpotify(clientId: string): Promise<void> {
    if (!clientId) return void store.update({ catalogMessage: { tone: 'error', text: 'Paste the client id of your Spotify app first.' } });
    try {
      await spotify.beginLogin(clientId);
    } catch (error) {
      store.update({ catalogMessage: { tone: 'error', text: `Could not start the Spotify login: ${messageOf(error)}` } });
    }
  }

  async function loadSpotify(source: spotify.SpotifySource): Promise<void> {
    if (!spotifyAdapter) return;
    const controller = new AbortController();
    const what = source === 'saved' ? 'saved tracks' : 'playlists';
    const notes: string[] = [];
    const task = (progress: string) =>
      store.update({ catalogTask: { title: `Loading your Spotify ${what}`, progress, cancel: () => controller.abort() } });
    task('starting');
    try {
      const built = await spotify.loadSpotifyCatalog(spotifyAdapter, source, {
        featureCatalog: csvCatalog?.catalog,
        limit: SPOTIFY_TRACK_LIMIT,
        signal: controller.signal,
        onProgress: (p) =>
          task(
            `${p.stage === 'tracks' ? 'tracks' : 'audio features'} ${p.done.toLocaleString('en')}${p.total ? ` of ${p.total.toLocaleString('en')}` : ''}`,
          ),
        onNote: (note) => notes.push(note),
      });
      const { catalog, skipped, missingFeatures } = built;
      if (catalog.tracks.length === missingFeatures.length) {
        throw new Error(
          `${catalog.tracks.length} tracks loaded, but none has audio features${notes.length ? ` (${notes.join('; ')})` : ''}. ` +
            'Load a Kaggle CSV that lists Spotify ids (e.g. SpotifyFeatures.csv) first: its features are matched by id.',
        );
      }
      const detail = [`${catalog.tracks.length.toLocaleString('en')} tracks from your Spotify ${what}`];
      if (skipped.length) detail.push(`${skipped.length} skipped (local files, episodes, unavailable, duplicates)`);
      if (notes.length) detail.push(...notes);
      const loaded = prepare('spotify', `Spotify ${what}`, catalog, detail);
      useCatalog(loaded, `Using ${loaded.prepared.size.toLocaleString('en')} tracks from your Spotify ${what}.`);
    } catch (error) {
      const text = controller.signal.aborted ? 'Spotify import cancelled.' : `Spotify: ${messageOf(error)}`;
      store.update({ catalogMessage: { tone: 'error', text: `${sentence(text)} The current catalog stays in use.` } });
    } finally {
      store.update({ catalogTask: null });
    }
  }

  // Settings ------------------------------------------------------------------------------------

  function saveSettings(patch: Partial<Settings>): void {
    store.update(patch);
    const { strategy, mode, count } = store.get();
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ strategy, mode, count }));
  }

  /** Reloads the detector with a new backend or emotion model, kept in the URL for reloads. */
  async function setEngine(patch: { backendChoice?: BackendChoice; modelChoice?: BundledModel }): Promise<void> {
    store.update({ ...patch, banner: null });
    const { backendChoice: backend, modelChoice: model } = store.get();
    const url = new URL(location.href);
    url.searchParams.set('backend', backend);
    url.searchParams.set('model', model);
    history.replaceState(null, '', url);
    await analyzer.load(backend, model);
    if (store.get().source === 'photo') await analyzePhoto();
  }

  // Recommendations follow the stable mood and the settings, not the frames.
  store.select(
    (s) => [effectiveEmotion(s), s.strategy, s.mode, s.count, s.catalog],
    () => {
      const state = store.get();
      const emotion = effectiveEmotion(state);
      if (!emotion) return store.update({ result: null, resultError: null });
      try {
        const result = recommend(emotion, state.catalog.prepared, { n: state.count, strategy: state.strategy, mode: state.mode });
        store.update({ result, resultError: null });
      } catch (error) {
        store.update({ result: null, resultError: `Could not recommend from ${state.catalog.label}: ${messageOf(error)}` });
      }
    },
  );

  mountStage(store, {
    selectSource,
    retryCamera: () => void startCamera(),
    stopCamera: () => {
      releaseMedia();
      store.update({ hint: 'Camera stopped.', analysis: null });
    },
    openPhoto: (f) => void openPhoto(f),
    openVideo: (f) => void openVideo(f),
  });
  mountFaces(store);
  mountRecommendations(store);
  mountMood(store, (override: Emotion | null) => store.update({ override }));
  mountControls(store, {
    setStrategy: (strategy) => saveSettings({ strategy }),
    setMode: (mode) => saveSettings({ mode }),
    setCount: (count) => saveSettings({ count }),
    setBackend: (backendChoice) => void setEngine({ backendChoice }),
    setModel: (modelChoice) => void setEngine({ modelChoice }),
  });
  mountCatalog(store, {
    useDemo: () => useCatalog(demo, 'Using the demo catalog (generated tracks).'),
    openCsv: (file) => void openCsv(file),
    connectSpotify: (id) => void connectSpotify(id),
    loadSpotify: (source) => void loadSpotify(source),
    disconnectSpotify: () => {
      spotify.forgetSession();
      spotifyAdapter = null;
      store.update({ spotifyConnected: false, catalogMessage: { tone: 'info', text: 'Disconnected from Spotify.' } });
    },
  });
  mountBanner(store);

  void analyzer.load(backendChoice, modelChoice);
  selectSource(store.get().source);
  void restoreSpotify();

  async function restoreSpotify(): Promise<void> {
    try {
      spotifyAdapter = spotify.isCallback() ? await spotify.completeLogin() : spotify.restoreSession();
      if (spotifyAdapter)
        store.update({
          spotifyConnected: true,
          catalogMessage: { tone: 'info', text: 'Connected to Spotify: pick your saved tracks or playlists.' },
        });
    } catch (error) {
      store.update({ catalogMessage: { tone: 'error', text: `Spotify login failed: ${messageOf(error)}` } });
    }
  }
}

function mountBanner(store: Store<AppState>): void {
  const root = $('#banner');
  store.select(
    (s) => s.banner,
    (banner) => {
      root.hidden = !banner;
      root.className = `banner ${banner?.tone ?? ''}`;
      replaceChildren(
        root,
        banner && h('p', { id: 'banner-text' }, banner.text),
        banner &&
          h(
            'button',
            { type: 'button', class: 'button ghost small', 'aria-label': 'Dismiss', onclick: () => store.update({ banner: null }) },
            '✕',
          ),
      );
    },
  );
}

function loadSettings(): Settings {
  const fallback: Settings = { strategy: 'knn', mode: 'match', count: 10 };
  try {
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<Settings>;
    return {
      strategy: STRATEGIES.includes(saved.strategy as Strategy) ? (saved.strategy as Strategy) : fallback.strategy,
      mode: saved.mode === 'uplift' ? 'uplift' : 'match',
      count:
        Number.isInteger(saved.count) && saved.count! >= COUNT_RANGE.min && saved.count! <= COUNT_RANGE.max ? saved.count! : fallback.count,
    };
  } catch {
    return fallback;
  }
}

/** Ends `text` with a full stop unless it already ends a sentence. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function parseChoice<T extends string>(value: string | null, choices: readonly T[], fallback: T): T {
  return choices.includes(value as T) ? (value as T) : fallback;
}

function parseSource(value: string | null): Source {
  return value === 'photo' || value === 'video' ? value : 'camera';
}
