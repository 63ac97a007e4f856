import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  type ResponseHeadersPolicyProps,
  type ResponseSecurityHeadersBehavior,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { DISABLE_ASSET_STAGING_CONTEXT } from 'aws-cdk-lib/cx-api';
import { Construct, type IConstruct } from 'constructs';
import { buildWebSync } from '../../web/build/buildWeb.ts';
import { cacheControl, commonPageHeaders, tokenPageHeaders } from '../../web/pageHeaders.ts';
import { configPath, hostedPages } from '../../web/pages.ts';
import { apiUrlPlaceholder, pagesWithApiUrl } from '../../web/site/renderHostedPages.ts';
import type { PagesDomain } from '../settings.ts';

export interface EssaimPagesProps {
  /** Kept (bucket retained with its files) in production; emptied and deleted with the stack otherwise. */
  readonly production: boolean;
  /** The API's base URL, without trailing slash: `config.json` and the demo page's plain form name it. */
  readonly apiUrl: string;
  /**
   * How the Content-Security-Policy names the API (`connect-src`, `form-action`): its origin, or
   * a wider source when the origin cannot be named (see the stack).
   */
  readonly apiSource: string;
  /** The network's own event address with `{slug}`, published in `config.json`; none when empty. */
  readonly eventUrlPattern?: string;
  /** Name of the network in the pages' titles. */
  readonly siteName: string;
  readonly domain?: PagesDomain;
}

/**
 * The hosted visitor pages and the embeddable components (`web/`): built at synth into two
 * trees, copied into a private bucket that only CloudFront reads (Origin Access Control), and
 * served with the headers `web/pageHeaders.ts` lists. Versioned scripts are cached for ever
 * and never deleted (pages cached out there still load them); pages, the latest loader and
 * `config.json` for minutes, and refreshed at every deploy.
 */
export class EssaimPages extends Construct {
  /** `https://<pagesDomain or the distribution's domain>`, without trailing slash: `PAGES_URL`. */
  readonly url: string;
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  /** The function (and its role) that copies files at deploy time: aws-cdk-lib's, one per stack. */
  readonly deploymentHandler: IConstruct;

  constructor(scope: Construct, id: string, props: EssaimPagesProps) {
    super(scope, id);
    const bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.production,
    });
    this.bucket = bucket;

    // Reading and listing: a missing key is S3's 404, not a 403 (no query string reaches S3,
    // so nothing can ask it for a listing).
    const origin = S3BucketOrigin.withOriginAccessControl(bucket, {
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });
    Validations.of(this).acknowledge({
      id: 'Annotation::@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      reason: 'The distribution has index.html as its default root object: `/` never lists the bucket.',
    });
    const pageHeaders = commonPageHeaders(props.apiSource);
    const behaviour = (policyId: string, headers: Record<string, string>): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      // No query string in the cache key nor towards S3: `?jeton=…` stays between browser and edge.
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      compress: true,
      responseHeadersPolicy: new ResponseHeadersPolicy(this, policyId, {
        comment: `Essaim hosted pages: ${policyId}`,
        ...responseHeadersBehaviours(headers),
        // Host pages on other origins load the module, its chunks, the stylesheet and config.json.
        corsBehavior: {
          accessControlAllowOrigins: ['*'],
          accessControlAllowMethods: ['GET', 'HEAD'],
          accessControlAllowHeaders: ['*'],
          accessControlAllowCredentials: false,
          originOverride: true,
        },
      }),
    });
    const tokenPages = Object.values(hostedPages).filter((page) => page.carriesToken);
    const tokenBehaviour = behaviour('TokenPageHeaders', { ...pageHeaders, ...tokenPageHeaders });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Essaim hosted pages and components',
      defaultBehavior: behaviour('PageHeaders', pageHeaders),
      additionalBehaviors: Object.fromEntries(tokenPages.map((page) => [page.path, tokenBehaviour])),
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.domain
        ? {
            domainNames: [props.domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.url = `https://${props.domain?.domainName ?? this.distribution.distributionDomainName}`;

    // Built while the stack synthesises, into a directory removed once the assets are staged.
    const buildDirectory = mkdtempSync(join(tmpdir(), 'essaim-web-'));
    const build = buildWebSync(buildDirectory, { siteName: props.siteName });
    const immutableFiles = new BucketDeployment(this, 'ImmutableFiles', {
      sources: [Source.asset(build.immutableDirectory)],
      destinationBucket: bucket,
      cacheControl: [CacheControl.fromString(cacheControl.immutable)],
      // Earlier versions stay: pages and host sites cached out there still load them.
      prune: false,
    });
    // Pages that name the API in a plain form get its address at deploy time.
    const withApiUrl = pagesWithApiUrl.map((name) => hostedPages[name].path.slice(1));
    const siteFiles = new BucketDeployment(this, 'SiteFiles', {
      sources: [
        Source.asset(build.siteDirectory, { exclude: withApiUrl }),
        ...withApiUrl.map((key) =>
          Source.data(
            key,
            readFileSync(join(build.siteDirectory, key), 'utf8').replaceAll(apiUrlPlaceholder, props.apiUrl),
          ),
        ),
        Source.jsonData(configPath.slice(1), {
          apiUrl: props.apiUrl,
          eventUrlPattern: props.eventUrlPattern?.trim() || null,
        }),
      ],
      destinationBucket: bucket,
      cacheControl: [CacheControl.fromString(cacheControl.revalidated)],
      prune: false,
      // The site part is small: refreshing everything at the edge costs one invalidation path.
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    // Pages name the versioned script: it is in the bucket before they are.
    siteFiles.node.addDependency(immutableFiles);
    this.deploymentHandler = siteFiles.handlerRole.node.scope as IConstruct;
    // The assets were copied into the cloud assembly as they were made, unless a tool (SAM)
    // disabled staging and reads them in place: then the directory goes when the process ends.
    const removeBuild = () => rmSync(buildDirectory, { recursive: true, force: true });
    if (this.node.tryGetContext(DISABLE_ASSET_STAGING_CONTEXT)) process.once('exit', removeBuild);
    else removeBuild();

    const stack = Stack.of(this);
    new CfnOutput(stack, 'PagesUrl', {
      value: this.url,
      description: 'Base URL of the hosted visitor pages (PAGES_URL)',
    });
    new CfnOutput(stack, 'PagesDistributionDomain', {
      value: this.distribution.distributionDomainName,
      description: 'The CloudFront domain: the target of the CNAME record of pagesDomain',
    });
  }
}

/** CloudFront's security headers, set through their own settings (it refuses them as custom headers). */
const securityHeaders = {
  'content-security-policy': (value) => ({
    contentSecurityPolicy: { contentSecurityPolicy: value, override: true },
  }),
  'x-content-type-options': (value) => {
    if (value !== 'nosniff') throw new Error(`X-Content-Type-Options can only be nosniff, not ${value}`);
    return { contentTypeOptions: { override: true } };
  },
  'x-frame-options': (value) => {
    const frameOption = { DENY: HeadersFrameOption.DENY, SAMEORIGIN: HeadersFrameOption.SAMEORIGIN }[
      value.toUpperCase()
    ];
    if (!frameOption) throw new Error(`X-Frame-Options can only be DENY or SAMEORIGIN, not ${value}`);
    return { frameOptions: { frameOption, override: true } };
  },
  'referrer-policy': (value) => {
    const referrerPolicy = Object.values(HeadersReferrerPolicy).find((policy) => policy === value);
    if (!referrerPolicy) throw new Error(`Referrer-Policy ${value} is not one CloudFront sends`);
    return { referrerPolicy: { referrerPolicy, override: true } };
  },
  'strict-transport-security': (value) => {
    const directives = value.split(';').map((directive) => directive.trim().toLowerCase());
    const maxAge = /^max-age=(\d+)$/.exec(directives[0] ?? '')?.[1];
    const others = directives
      .slice(1)
      .filter((directive) => !['includesubdomains', 'preload'].includes(directive));
    if (maxAge === undefined || others.length > 0)
      throw new Error(
        `Strict-Transport-Security ${value} is not max-age=<seconds>[; includeSubDomains][; preload]`,
      );
    return {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(Number(maxAge)),
        includeSubdomains: directives.includes('includesubdomains'),
        preload: directives.includes('preload'),
        override: true,
      },
    };
  },
  'x-xss-protection': () => {
    throw new Error('X-XSS-Protection is not mapped to CloudFront’s setting yet');
  },
} satisfies Record<string, (value: string) => ResponseSecurityHeadersBehavior>;

/** `x-robots-tag` as HTTP/1.1 spells it: `X-Robots-Tag`. */
const headerName = (name: string): string =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);

/**
 * A response headers policy's settings from headers as `web/pageHeaders.ts` spells them (the
 * local pages server sends the same): security headers in their settings, the others custom,
 * all overriding what S3 answers (`Cache-Control: no-store` over the deployed max-age).
 */
export function responseHeadersBehaviours(
  headers: Readonly<Record<string, string>>,
): Pick<ResponseHeadersPolicyProps, 'securityHeadersBehavior' | 'customHeadersBehavior'> {
  let securityHeadersBehavior: ResponseSecurityHeadersBehavior = {};
  const customHeaders: { header: string; value: string; override: boolean }[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const security = securityHeaders[name.toLowerCase() as keyof typeof securityHeaders];
    if (security) securityHeadersBehavior = { ...securityHeadersBehavior, ...security(value) };
    else customHeaders.push({ header: headerName(name), value, override: true });
  }
  return {
    securityHeadersBehavior,
    ...(customHeaders.length > 0 ? { customHeadersBehavior: { customHeaders } } : {}),
  };
}
