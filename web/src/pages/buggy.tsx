import { useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { ErrorNote } from '../errors.tsx';
import { Link } from '../router.tsx';
import { Empty, formatDateTime, Guard, Loading, Notice, Page } from '../ui.tsx';

const MyBuggyDocument = graphql(`
  query MyBuggy {
    me {
      id
      name
      buggyUploadedAt
      latestBuggyJson
      buggy {
        buggyId
        qtyWheels
        qtyTyres
        tyres
        powerType
        powerUnits
        auxPowerType
        auxPowerUnits
        hamsterBooster
        armour
        attack
        qtyAttacks
        algo
        flagColor
        flagColorSecondary
        flagPattern
        fireproof
        insulated
        antibiotic
        banging
        totalCost
        mass
        updated
      }
    }
  }
`);

const UploadBuggyDocument = graphql(`
  mutation UploadMyBuggy($json: String!) {
    uploadBuggy(json: $json) {
      ok
      error
      created
    }
  }
`);

/** Colours come sanitised from the server (letters, digits, a leading #); anything else is not painted. */
const safeColor = (value: string): string | undefined => (/^#?[a-z0-9]{1,32}$/i.test(value) ? value : undefined);

function BuggyView() {
  const [result, refetch] = useQuery({ query: MyBuggyDocument });
  const [uploaded, upload] = useMutation(UploadBuggyDocument);
  const [json, setJson] = useState('');
  if (result.error && !result.data) return <ErrorNote error={result.error} title="Your buggy could not be loaded." />;
  if (!result.data?.me) return <Loading what="Loading your buggy" />;
  const { buggy, buggyUploadedAt } = result.data.me;
  const outcome = uploaded.data?.uploadBuggy;

  const submit = async (event: Event) => {
    event.preventDefault();
    const answer = await upload({ json });
    if (answer.data?.uploadBuggy.ok) refetch({ requestPolicy: 'network-only' });
  };

  const rows: [string, string | number | boolean | null | undefined][] = buggy
    ? [
        ['Buggy id', buggy.buggyId],
        ['Wheels', buggy.qtyWheels],
        ['Tyres', `${buggy.qtyTyres} × ${buggy.tyres}`],
        ['Power', `${buggy.powerUnits} × ${buggy.powerType}`],
        ['Auxiliary power', `${buggy.auxPowerUnits} × ${buggy.auxPowerType}`],
        ['Hamster booster', buggy.hamsterBooster],
        ['Armour', buggy.armour],
        ['Attack', `${buggy.qtyAttacks} × ${buggy.attack}`],
        ['Algorithm', buggy.algo],
        ['Flag', `${buggy.flagPattern}: ${buggy.flagColor} / ${buggy.flagColorSecondary}`],
        ['Specials', ['fireproof', 'insulated', 'antibiotic', 'banging'].filter((k) => buggy[k as 'fireproof']).join(', ') || 'none'],
        ['Cost', buggy.totalCost ?? 'unknown (a setting has no game data)'],
        ['Mass', buggy.mass ?? 'unknown'],
        ['Updated', formatDateTime(buggy.updated)],
      ]
    : [];

  return (
    <>
      {!buggy ? (
        <Empty>
          <p>You have no buggy yet. Upload one below, or from your program through the API (see <Link href="/api-secret">My API secret</Link>).</p>
          {buggyUploadedAt && <p>Your last upload ({formatDateTime(buggyUploadedAt)}) did not make a buggy.</p>}
        </Empty>
      ) : (
        <div class="card" data-testid="buggy">
          <h2>
            <span
              class="flag"
              aria-hidden="true"
              style={{ background: safeColor(buggy.flagColor), borderColor: safeColor(buggy.flagColorSecondary) }}
            />{' '}
            Your buggy
          </h2>
          <table class="table" aria-label="Your buggy">
            <tbody>
              {rows.map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{String(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="card form" onSubmit={submit} aria-labelledby="upload-title">
        <h2 id="upload-title">Upload buggy JSON</h2>
        <label>
          Buggy JSON (as the race server's editor exports it)
          <textarea name="json" rows={5} spellcheck={false} required value={json} placeholder='{"qty_wheels": 4, "power_type": "petrol"}' onInput={(e) => setJson(e.currentTarget.value)} />
        </label>
        <p class="warning" role="note">
          An upload replaces your whole buggy: settings left out go back to their defaults.
        </p>
        {outcome?.ok && <Notice kind="ok">{outcome.ok}</Notice>}
        {outcome?.error && (
          <div class="note note-error" role="alert">
            The buggy was not saved: {outcome.error}
          </div>
        )}
        <ErrorNote error={uploaded.error} title="The buggy was not saved." />
        <button type="submit" class="primary" disabled={uploaded.fetching || !json.trim()}>
          Upload
        </button>
      </form>
    </>
  );
}

export function BuggyPage() {
  return (
    <Page title="My buggy">
      <Guard>
        <BuggyView />
      </Guard>
    </Page>
  );
}
