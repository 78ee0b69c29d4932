/**
 * The Teams Toolkit / Agents Toolkit lifecycle files, checked offline as the toolkit checks them before its first
 * action: against the yaml schema of the version they declare (vendored from @microsoft/m365agentstoolkit-cli, see
 * test/fixtures/teams-toolkit/README.md), and for placeholders that could be empty when an action runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { approverIdsParameter, grantRolesParameter } from '../../tools/provision-env';
import { productionNodeFlags } from '../../tools/node-flags';

const ROOT = path.join(__dirname, '..', '..');
const LIFECYCLE_FILES = { 'teamsapp.yml': 'dev', 'teamsapp.local.yml': 'local', 'teamsapp.testtool.yml': 'testtool' };
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
type Lifecycle = { version: string } & Partial<Record<'provision' | 'deploy' | 'publish', Action[]>>;

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const placeholders = (text: string) => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
const envKeys = (env: string) =>
  new Set([...read(`env/.env.${env}`).matchAll(/^\s*([A-Za-z0-9_]+)\s*=/gm)].map((m) => m[1] ?? ''));
const bicepOutputs = (file: string) => new Set([...read(file).matchAll(/^output (\w+) /gm)].map((m) => m[1] ?? ''));

const validators = new Map<string, ValidateFunction>();
function validatorFor(version: string): ValidateFunction {
  const schemaFile = path.join(ROOT, 'test/fixtures/teams-toolkit', version, 'yaml.schema.json');
  if (!fs.existsSync(schemaFile)) throw new Error(`no vendored toolkit schema for version ${version}`);
  let validate = validators.get(version);
  if (!validate) {
    validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    validators.set(version, validate);
  }
  return validate;
}

function schemaErrors(doc: unknown): string[] {
  const validate = validatorFor((doc as Lifecycle).version);
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe.each(Object.entries(LIFECYCLE_FILES))('%s', (file, env) => {
  const text = read(file);
  const doc = parse(text) as Lifecycle;
  const actions = [...(doc.provision ?? []), ...(doc.deploy ?? []), ...(doc.publish ?? [])];

  it('declares a version whose schema is vendored, and names that schema in its yaml-language-server comment', () => {
    expect(fs.existsSync(path.join(ROOT, 'test/fixtures/teams-toolkit', doc.version, 'yaml.schema.json'))).toBe(true);
    expect(text).toContain(`$schema=https://aka.ms/m365-agents-toolkits/${doc.version}/yaml.schema.json`);
  });

  it('is valid against the toolkit schema of that version', () => {
    expect(schemaErrors(doc)).toEqual([]);
  });

  it('uses only placeholders its environment file defines or an earlier action writes', () => {
    const written = new Set([
      ...actions.flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {})),
      ...(actions.some((a) => a.uses === 'arm/deploy') ? bicepOutputs('infra/azure.bicep') : []),
    ]);
    const keys = envKeys(env);
    expect(placeholders(text).filter((name) => !keys.has(name) && !written.has(name))).toEqual([]);
  });
});

describe('the toolkit schema check', () => {
  const doc = parse(read('teamsapp.yml')) as Lifecycle;

  it('rejects what v1.7-era files had: zipAppPackage with outputJsonPath and no outputFolder', () => {
    const broken = structuredClone(doc);
    broken.provision?.push({
      uses: 'teamsApp/zipAppPackage',
      with: { manifestPath: './appPackage/manifest.json', outputZipPath: './a.zip', outputJsonPath: './m.json' },
    });
    expect(schemaErrors(broken).length).toBeGreaterThan(0);
  });

  it('rejects a version whose schema is not the one vendored', () => {
    expect(() => schemaErrors({ ...doc, version: 'v1.7' })).toThrow('no vendored toolkit schema for version v1.7');
  });
});

describe('provisioning parameters (infra/azure.parameters.json)', () => {
  const provision = (parse(read('teamsapp.yml')) as Lifecycle).provision ?? [];
  const parametersText = read('infra/azure.parameters.json');
  const bicep = read('infra/azure.bicep');

  it('hands arm/deploy only placeholders that cannot be empty: the toolkit fills them, or the script step does', () => {
    const fromScript = [
      'APPROVER_IDS_PARAMETER',
      'APPROVER_GROUP_IDS_PARAMETER',
      'ADMIN_GROUP_IDS_PARAMETER',
      'GRANT_SUBSCRIPTION_ROLES_PARAMETER',
    ];
    // RESOURCE_SUFFIX: the toolkit generates it when it is empty.
    expect(placeholders(parametersText).sort()).toEqual(['RESOURCE_SUFFIX', ...fromScript].sort());
    const uses = provision.map((a) => a.uses);
    expect(uses.indexOf('script')).toBeGreaterThanOrEqual(0);
    expect(uses.indexOf('script')).toBeLessThan(uses.indexOf('arm/deploy'));
  });

  it('gives every Bicep parameter without a default a value, and names only parameters the Bicep declares', () => {
    const declared = [...bicep.matchAll(/^param (\w+) \w+( =)?/gm)].map((m) => ({
      name: m[1] ?? '',
      hasDefault: !!m[2],
    }));
    const given = Object.keys((JSON.parse(parametersText) as { parameters: object }).parameters);
    expect(given.filter((name) => !declared.some((p) => p.name === name))).toEqual([]);
    expect(declared.filter((p) => !p.hasDefault && !given.includes(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('derives never-empty values from settings that may be empty, and refuses ids that would stop the bot', () => {
    expect(approverIdsParameter('')).toEqual({ value: 'none' });
    expect(approverIdsParameter(undefined)).toEqual({ value: 'none' });
    expect(approverIdsParameter(' 6B1C9A7E-2F4D-4C1A-9E3B-5D7F8A0C1E2B , ')).toEqual({
      value: '6B1C9A7E-2F4D-4C1A-9E3B-5D7F8A0C1E2B',
    });
    expect(approverIdsParameter('alex@contoso.com')).toEqual({
      problem: expect.stringContaining('"alex@contoso.com"'),
    });
    expect(grantRolesParameter('')).toEqual({ value: 'false' });
    expect(grantRolesParameter('True')).toEqual({ value: 'true' });
    expect(grantRolesParameter('yes')).toEqual({ problem: expect.stringContaining('GRANT_SUBSCRIPTION_ROLES') });
    expect(bicep).toContain("value: approverIds == 'none' ? '' : approverIds");
  });
});

describe('infra (read as text: no Bicep CLI offline)', () => {
  const bicep = read('infra/azure.bicep');
  const botRegistration = read('infra/botRegistration/azurebot.bicep');
  const roles = read('infra/subscriptionRoles.bicep');

  it('makes the managed identity the bot identity: UserAssignedMSI, no client secret anywhere', () => {
    expect(botRegistration).toContain("msaAppType: 'UserAssignedMSI'");
    expect(botRegistration).toContain('msaAppMSIResourceId: identityResourceId');
    expect(bicep).toMatch(/name: 'BOT_TYPE'\n\s+value: 'UserAssignedMsi'/);
    for (const text of [bicep, botRegistration, read('infra/azure.parameters.json'), read('teamsapp.yml')])
      expect(text).not.toMatch(/BOT_PASSWORD|clientSecret|@secure/);
  });

  it('runs Node 22 LTS with SCM and FTP basic authentication off, from the staged production-only folder', () => {
    expect(bicep).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(bicep).toContain(`appCommandLine: '${['node', ...productionNodeFlags(22), 'dist/src/index.js'].join(' ')}'`);
    for (const name of ['scm', 'ftp'])
      expect(bicep).toMatch(
        new RegExp(
          `basicPublishingCredentialsPolicies@[\\d-]+' = \\{\\n\\s+parent: webApp\\n\\s+name: '${name}'\\n\\s+properties: \\{\\n\\s+allow: false`,
        ),
      );
    const zipDeploy = (parse(read('teamsapp.yml')) as Lifecycle).deploy?.find(
      (a) => a.uses === 'azureAppService/zipDeploy',
    );
    expect(zipDeploy?.with?.artifactFolder).toBe('./.deploy');
  });

  it('grants subscription roles only when asked (off by default), the same three the README names', () => {
    expect(bicep).toContain("param grantSubscriptionRoles string = 'false'");
    expect(bicep).toContain(
      "module subscriptionRoles './subscriptionRoles.bicep' = if (grantSubscriptionRoles == 'true')",
    );
    const granted = [...roles.matchAll(/name: '([^']+)'\n\s+id: '([0-9a-f-]{36})'/g)].map((m) => ({
      name: m[1],
      id: m[2],
    }));
    expect(granted.map((r) => r.name)).toEqual(['Reader', 'Security Admin', 'API Management Service Contributor']);
    const readme = read('README.md');
    const deploying = readme.slice(readme.indexOf('## Deploying'));
    for (const role of granted) expect(deploying).toContain(`--role ${role.id}`);
  });
});
