// GraphQL Code Generator: typed documents from ../schema.graphql (the API's contract) and the
// trusted-documents manifest (persisted-documents.json: {sha256: document}) the server loads
// with ROBO_TRUSTED_DOCUMENTS. CODEGEN_OUT lets `npm run codegen:check` generate elsewhere.
import type { CodegenConfig } from "@graphql-codegen/cli";

const out = process.env.CODEGEN_OUT ?? "src/gql/";

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: "client",
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: "embedHashInDocument", hashPropertyName: "hash", hashAlgorithm: "sha256" },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Decimal: "string", Date: "string", DateTime: "string", MoneyAmount: "string", Upload: "File", NavValue: "string", UnitAmount: "string" },
      },
    },
  },
};
export default config;
