import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EssaimStack } from './essaimStack.ts';
import { settingsFromContext } from './settings.ts';

const app = new App();
const settings = settingsFromContext((key) => app.node.tryGetContext(key));
new EssaimStack(app, `Essaim-${settings.stage}`, {
  settings,
  description: `Essaim: forms, registrations and mail for ESS networks (${settings.stage})`,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-3' },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
