// Rotating the secrets a user or a project owner holds: the project's secret key (partner apps mint
// external-user tokens with it) and the user's own PYBOSSA API key. The new value is shown once.
import { useMutation } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { ErrorNote } from '../errors.tsx';
import { Notice } from '../ui.tsx';

const RotateProjectSecretDocument = graphql(`
  mutation RotateProjectSecret($projectId: Int!) {
    rotateProjectSecret(projectId: $projectId) {
      id
      secretKey
    }
  }
`);

const RotateApiKeyDocument = graphql(`
  mutation RotateApiKey {
    rotateApiKey
  }
`);

export function ProjectSecretCard({ projectId }: { projectId: number }) {
  const [rotated, rotate] = useMutation(RotateProjectSecretDocument);
  const onRotate = () => {
    if (confirm('Make a new secret key? Partner apps using the old one stop working until you give them the new one.')) void rotate({ projectId });
  };
  const key = rotated.data?.rotateProjectSecret.secretKey;
  return (
    <section class="card" aria-labelledby="project-secret-title">
      <h2 id="project-secret-title">Secret key</h2>
      <p class="hint">Partner apps use it to get tokens for their users. Make a new one when someone who knew it should no longer use it.</p>
      <ErrorNote error={rotated.error} title="The secret key was not changed." />
      {key && (
        <Notice kind="ok">
          New secret key: <code data-testid="project-secret">{key}</code>
        </Notice>
      )}
      <button type="button" onClick={onRotate} disabled={rotated.fetching}>
        Make a new secret key
      </button>
    </section>
  );
}

export function ApiKeyCard() {
  const [rotated, rotate] = useMutation(RotateApiKeyDocument);
  const onRotate = () => {
    if (confirm('Make a new API key? Programs using the old one stop working until you give them the new one.')) void rotate({});
  };
  return (
    <section class="card" aria-labelledby="api-key-title">
      <h2 id="api-key-title">PYBOSSA API key</h2>
      <p class="hint">Programs using the project API (<code>/api/project</code>, <code>/api/task</code>, ...) send it. Make a new one if it leaked.</p>
      <ErrorNote error={rotated.error} title="The API key was not changed." />
      {rotated.data && (
        <Notice kind="ok">
          New API key: <code data-testid="api-key">{rotated.data.rotateApiKey}</code>
        </Notice>
      )}
      <button type="button" onClick={onRotate} disabled={rotated.fetching}>
        Make a new API key
      </button>
    </section>
  );
}
