import { packageProject } from '../../vitest.shared';

export default packageProject('face-id');
