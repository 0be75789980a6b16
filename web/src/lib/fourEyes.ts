// Four eyes: the product manager who asked for a change may not approve it (the server refuses;
// the console disables the button and says why).

/** Whether the viewer asked for it (four eyes: they may not approve it). ``requestedBy`` is the
 * requester's email; the id is compared when the API gives one. */
export function askedByViewer(request: { requestedById?: string | null; requestedBy: string }, viewer: { id: string; email?: string | null } | null | undefined): boolean {
  if (!viewer) return false;
  if (request.requestedById) return request.requestedById === viewer.id;
  return !!viewer.email && request.requestedBy.toLowerCase() === viewer.email.toLowerCase();
}
