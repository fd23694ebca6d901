// Preload for the peer gateway (node --import ./preload.mjs .../start-server.js).
//
// Portkey AI Gateway 1.15.2 on Node 20 answers 500 on POST /v1/audio/speech: after proxying, it appends
// headers to the Response that fetch() returned, whose Headers are immutable under undici
// ("TypeError: immutable" in updateHeaders; Portkey issues #1389 and #1550). This wraps fetch so that each
// response comes back as a new Response over the same body stream, with a fresh, mutable `new Headers(...)`.
// It changes nothing else: same status, status text, headers and (streamed, not copied) body.
const originalFetch = globalThis.fetch;

globalThis.fetch = async function fetchWithMutableHeaders(input, init) {
  const response = await originalFetch(input, init);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
};
