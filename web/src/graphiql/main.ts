// GraphiQL for browsers that open /graphql, bundled from the local graphiql package (no CDN). It
// reuses the console's session token, so queries run as the signed-in user.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';

let token: string | null = null;
try {
  token = localStorage.getItem('gantry.token');
} catch {
  /* storage unavailable: anonymous */
}

const fetcher = createGraphiQLFetcher({ url: '/graphql' });

const DEFAULT_QUERY = `# Gantry's GraphQL API. Press the run button (or Ctrl-Enter) to send a query.
# Signed in to the console? Your token is in the Headers tab below.

query Projects {
  projectsConnection(first: 5) {
    totalCount
    edges { node { id name progress { completed total } } }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: DEFAULT_QUERY,
    defaultHeaders: token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined,
    shouldPersistHeaders: false,
  }),
);
