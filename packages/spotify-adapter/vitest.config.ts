import { packageProject } from '../../vitest.shared';

export default packageProject('spotify-adapter');
