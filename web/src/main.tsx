// Entry: i18n, the GraphQL client, the session, the router.
import React from "react";
import ReactDOM from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { Provider } from "urql";
import { App } from "./App";
import i18n, { initialLanguage } from "./i18n";
import { client, setRequestLanguage } from "./lib/client";
import { SessionProvider } from "./session";
import "./styles.css";

document.documentElement.lang = initialLanguage;
setRequestLanguage(initialLanguage);
i18n.on("languageChanged", (lang) => {
  setRequestLanguage(lang);
  document.documentElement.lang = lang;
});

ReactDOM.createRoot(document.getElementById("root")!).render(
  <React.StrictMode>
    <Provider value={client}>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </Provider>
  </React.StrictMode>,
);
