import dotenv from "dotenv";
import { listAccountsCommand } from "./accounts-command.js";

dotenv.config({ quiet: true });
process.exitCode = await listAccountsCommand(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
