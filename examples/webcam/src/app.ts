// The composition root: one store, the modules that change it, and the views that draw it.
import { createAnalyzer, loadChosenEngine, switchEngine, type EngineChoice } from './analysis/engine';
import { openCsv, useDemoCatalog } from './catalog/actions';
import { loadDemoCatalog } from './catalog/load';
import { MediaElements } from './media/elements';
import { createSourceActions } from './media/sources';
import { People } from './identity/people';
import { forgetProfiles, giveFeedback, loadProfiles } from './identity/profiles';
import { followRecommendations } from './recommend';
import { keepSettings, loadSettings } from './settings/settings';
import { keepEngineInUrl, parseUrlState } from './settings/url-state';
import * as spotify from './spotify/actions';
import { initialState } from './state/app-state';
import { Store } from './state/store';
import { mountBanner } from './ui/banner';
import { mountCatalog } from './ui/catalog';
import { mountControls } from './ui/controls';
import { mountEngineChip } from './ui/engine';
import { mountFaces } from './ui/faces';
import { mountMood } from './ui/mood';
import { mountPeople } from './ui/people';
import { mountRecommendations } from './ui/recommendations';
import { mountStage } from './ui/stage';

/** Starts the demo on index.html: camera (or the URL's source), face models, views and the Spotify session. */
export function startApp(): void {
  const demo = loadDemoCatalog();
  // People reports changes only after the store exists (never from its constructor).
  const people = new People(localStorage, (state) => store.update({ people: state }));
  const store = new Store(
    initialState(parseUrlState(location.search), loadSettings(localStorage), demo, people.state, loadProfiles(localStorage)),
  );
  keepSettings(store, localStorage);
  keepEngineInUrl(store);
  followRecommendations(store);

  const analyzer = createAnalyzer(store, people);
  const sources = createSourceActions(store, MediaElements.fromPage(), analyzer);
  // A new detector sees the photo on show again, so the photo tab follows a model or backend switch.
  const setEngine = async (patch: EngineChoice) => {
    await switchEngine(store, analyzer, patch);
    await sources.reanalyzePhoto();
  };

  mountStage(store, sources);
  mountFaces(store);
  mountRecommendations(store, (trackId, action) => giveFeedback(store, localStorage, trackId, action));
  mountPeople(store, {
    enroll: (name) => people.enroll(name),
    forget: (name) => {
      people.forget(name);
      forgetProfiles(store, localStorage, name);
    },
  });
  mountMood(store, (override) => store.update({ override }));
  mountControls(store, {
    setStrategy: (strategy) => store.update({ strategy }),
    setMode: (mode) => store.update({ mode }),
    setCount: (count) => store.update({ count }),
    setBackend: (backendChoice) => void setEngine({ backendChoice }),
    setModel: (modelChoice) => void setEngine({ modelChoice }),
  });
  mountCatalog(store, {
    useDemo: () => useDemoCatalog(store, demo),
    openCsv: (file) => void openCsv(store, file),
    connectSpotify: (clientId) => void spotify.connectSpotify(store, clientId),
    loadSpotify: (source) => void spotify.loadSpotify(store, source),
    disconnectSpotify: () => spotify.disconnectSpotify(store),
  });
  mountBanner(store, () => store.update({ banner: null }));
  mountEngineChip(store);

  void loadChosenEngine(store, analyzer);
  sources.selectSource(store.getState().source);
  void spotify.restoreSpotify(store);
}
