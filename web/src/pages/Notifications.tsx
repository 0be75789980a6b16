// Notifications, newest first; opening the screen marks them read.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { MarkReadDocument, NotificationsDocument } from "../api/customer";
import { Loading } from "../components/ui";

export function NotificationsPage() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: NotificationsDocument });
  const [, markRead] = useMutation(MarkReadDocument);
  const unread = data?.me?.notifications?.nodes.filter((n) => !n.read).map((n) => n.id) ?? [];
  const key = unread.join(",");
  useEffect(() => {
    if (key) void markRead({ ids: key.split(",") });
  }, [key, markRead]);
  if (!data) return <Loading />;
  return (
    <main id="main">
      <h1>{t("notifications")}</h1>
      <ul className="list" data-testid="notifications">
        {data.me?.notifications?.nodes.map((n) => (
          <li key={n.id} className={n.read ? "" : "unread"}>
            <strong>{n.title}</strong>
            <span>{n.body}</span>
            <small>{n.occurredAt.slice(0, 16).replace("T", " ")}</small>
          </li>
        ))}
      </ul>
    </main>
  );
}
