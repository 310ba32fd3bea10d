import { version } from "@heyan/core"; console.log(version);
