/// <reference types="vitest" />
// Vite: the app's build (web/dist, served by `robo serve` at /) and dev server (`make dev-web`,
// port 3000, an origin the API's ROBO_CORS_ORIGINS allows by default). The build also copies
// the trusted-documents manifest next to the bundle: dist/trusted-documents.json.
import { copyFileSync } from "node:fs";
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [
    react(),
    {
      name: "trusted-documents-manifest",
      apply: "build",
      closeBundle() {
        copyFileSync(resolve(__dirname, "src/gql/persisted-documents.json"), resolve(__dirname, "dist/trusted-documents.json"));
      },
    },
  ],
  build: { sourcemap: false, chunkSizeWarningLimit: 600 },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"] },
});
