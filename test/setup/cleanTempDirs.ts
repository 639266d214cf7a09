// Vitest setup file (runs in every test file's context): remove the file's temporary directories.
import { afterAll } from "vitest";
import { removeTempDirs } from "../tempDir.js";

afterAll(() => removeTempDirs());
