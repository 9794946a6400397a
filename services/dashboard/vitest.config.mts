import { vigilVitest } from '../../vitest.shared.mjs';

export default vigilVitest(import.meta.dirname);
