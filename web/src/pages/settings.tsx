import { useEffect, useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import type { SettingName, UpdateSettingsInput } from '../gql/graphql.ts';
import { ErrorNote } from '../errors.tsx';
import { formatDuration, Guard, Loading, Notice, Page } from '../ui.tsx';

const SettingsDocument = graphql(`
  query RaceSettings {
    settings {
      apiSecretTimeToLive
      isAdminApiEnabled
      isApiSecretOneTimePw
      isStudentApiOtpAllowed
      taskNameForApi
      overridden
    }
  }
`);

const UpdateSettingsDocument = graphql(`
  mutation UpdateRaceSettings($input: UpdateSettingsInput, $reset: [SettingName!]) {
    updateSettings(input: $input, reset: $reset) {
      apiSecretTimeToLive
      isAdminApiEnabled
      isApiSecretOneTimePw
      isStudentApiOtpAllowed
      taskNameForApi
      overridden
    }
  }
`);

interface Form {
  apiSecretTimeToLive: string;
  isApiSecretOneTimePw: boolean;
  isStudentApiOtpAllowed: boolean;
  taskNameForApi: string;
  isAdminApiEnabled: boolean;
}

const NAMES: Record<keyof Form, SettingName> = {
  apiSecretTimeToLive: 'API_SECRET_TIME_TO_LIVE',
  isApiSecretOneTimePw: 'IS_API_SECRET_ONE_TIME_PW',
  isStudentApiOtpAllowed: 'IS_STUDENT_API_OTP_ALLOWED',
  taskNameForApi: 'TASK_NAME_FOR_API',
  isAdminApiEnabled: 'IS_ADMIN_API_ENABLED',
};

function SettingsForm() {
  const [result] = useQuery({ query: SettingsDocument });
  const [saved, save] = useMutation(UpdateSettingsDocument);
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const settings = saved.data?.updateSettings ?? result.data?.settings;

  useEffect(() => {
    if (settings) {
      setForm({
        apiSecretTimeToLive: String(settings.apiSecretTimeToLive),
        isApiSecretOneTimePw: settings.isApiSecretOneTimePw,
        isStudentApiOtpAllowed: settings.isStudentApiOtpAllowed,
        taskNameForApi: settings.taskNameForApi,
        isAdminApiEnabled: settings.isAdminApiEnabled,
      });
    }
  }, [settings]);

  if (result.error && !result.data) return <ErrorNote error={result.error} title="The settings could not be loaded." />;
  if (!settings || !form) return <Loading what="Loading the settings" />;
  const overridden = new Set(settings.overridden);
  const ttl = Number(form.apiSecretTimeToLive);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setMessage(null);
    // Only what changed: a setting left alone keeps following its environment default.
    const input: UpdateSettingsInput = {};
    const wantedTtl = Number.isInteger(ttl) ? ttl : -1;
    if (wantedTtl !== settings.apiSecretTimeToLive) input.apiSecretTimeToLive = wantedTtl;
    if (form.isApiSecretOneTimePw !== settings.isApiSecretOneTimePw) input.isApiSecretOneTimePw = form.isApiSecretOneTimePw;
    if (form.isStudentApiOtpAllowed !== settings.isStudentApiOtpAllowed) input.isStudentApiOtpAllowed = form.isStudentApiOtpAllowed;
    if (form.taskNameForApi !== settings.taskNameForApi) input.taskNameForApi = form.taskNameForApi;
    if (form.isAdminApiEnabled !== settings.isAdminApiEnabled) input.isAdminApiEnabled = form.isAdminApiEnabled;
    if (Object.keys(input).length === 0) {
      setMessage('Nothing was changed.');
      return;
    }
    const answer = await save({ input });
    if (answer.data) setMessage('Settings saved. They apply to the next request, also for secrets already set.');
  };
  const reset = async (key: keyof Form) => {
    setMessage(null);
    const answer = await save({ reset: [NAMES[key]] });
    if (answer.data) setMessage(`${NAMES[key]} is back to its default from the environment.`);
  };
  const origin = (key: keyof Form) =>
    overridden.has(NAMES[key]) ? (
      <span class="setting-origin">
        changed by an administrator ·{' '}
        <button type="button" class="link-button" onClick={() => reset(key)}>
          reset to default
        </button>
      </span>
    ) : (
      <span class="setting-origin muted">default from the environment</span>
    );

  return (
    <form class="card form" onSubmit={submit}>
      {message && <Notice kind="ok">{message}</Notice>}
      <ErrorNote error={saved.error} title="The settings were not saved." />
      <label>
        <span>
          <code>API_SECRET_TIME_TO_LIVE</code>: seconds an API secret works after it is set
        </span>
        <input
          type="number"
          name="apiSecretTimeToLive"
          min={0}
          max={315360000}
          required
          inputMode="numeric"
          value={form.apiSecretTimeToLive}
          onInput={(e) => set('apiSecretTimeToLive', e.currentTarget.value)}
        />
        <span class="hint">{Number.isInteger(ttl) && ttl >= 0 ? `= ${formatDuration(ttl)}` : 'a whole number of seconds'}</span>
        {origin('apiSecretTimeToLive')}
      </label>
      <label class="inline">
        <input type="checkbox" name="isApiSecretOneTimePw" checked={form.isApiSecretOneTimePw} onChange={(e) => set('isApiSecretOneTimePw', e.currentTarget.checked)} />
        <span>
          <code>IS_API_SECRET_ONE_TIME_PW</code>: secrets are one-time passwords (when users may not choose)
        </span>
      </label>
      {origin('isApiSecretOneTimePw')}
      <label class="inline">
        <input
          type="checkbox"
          name="isStudentApiOtpAllowed"
          checked={form.isStudentApiOtpAllowed}
          onChange={(e) => set('isStudentApiOtpAllowed', e.currentTarget.checked)}
        />
        <span>
          <code>IS_STUDENT_API_OTP_ALLOWED</code>: each user chooses whether their secret is one-time
        </span>
      </label>
      {origin('isStudentApiOtpAllowed')}
      <label>
        <span>
          <code>TASK_NAME_FOR_API</code>: task(s) the API pages link to, comma-separated; empty for none
        </span>
        <input name="taskNameForApi" maxLength={255} value={form.taskNameForApi} onInput={(e) => set('taskNameForApi', e.currentTarget.value)} />
        {origin('taskNameForApi')}
      </label>
      <label class="inline">
        <input type="checkbox" name="isAdminApiEnabled" checked={form.isAdminApiEnabled} onChange={(e) => set('isAdminApiEnabled', e.currentTarget.checked)} />
        <span>
          <code>IS_ADMIN_API_ENABLED</code>: the admin dashboard API (<code>POST /api/admin/dashboard</code>) is on
        </span>
      </label>
      {origin('isAdminApiEnabled')}
      <div class="row">
        <button type="submit" class="primary" disabled={saved.fetching}>
          Save settings
        </button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  return (
    <Page title="Race-server settings">
      <Guard allowed={(me) => Boolean(me.admin)} need="administrators">
        <SettingsForm />
      </Guard>
    </Page>
  );
}
