// Builds the task pane (Excel and demo mode) into dist/, and serves it on https://localhost:3000.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import TerserPlugin from 'terser-webpack-plugin';
import { tsImport } from 'tsx/esm/api';
import webpack from 'webpack';

const root = dirname(fileURLToPath(import.meta.url));

/** Every file of rules/ (rules, vocabulary, packs) as text: local rule files are laid over them, so the pane needs nothing from the network. */
function ruleSources() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const rel = relative(join(root, 'rules'), full).split('\\').join('/');
      if (name === 'schemas') continue;
      if (readdirSync(dir, { withFileTypes: true }).find((d) => d.name === name)?.isDirectory()) walk(full);
      else if (name.endsWith('.json') && name !== 'schema.json' && !name.endsWith('.schema.json')) {
        const kind = rel.startsWith('vocabulary/') ? 'vocabulary' : rel.startsWith('packs/') ? 'pack' : 'rule';
        out.push({ file: `rules/${rel}`, text: readFileSync(full, 'utf8'), kind });
      }
    }
  };
  walk(join(root, 'rules'));
  return out;
}

/** Trusted localhost certificates from office-addin-dev-certs when installed; none where they cannot be (CI, Linux). */
async function httpsOptions(env) {
  if (env.http || process.env.CI) return undefined;
  try {
    const certs = await import('office-addin-dev-certs');
    return await certs.getHttpsServerOptions();
  } catch (e) {
    console.warn(`office-addin-dev-certs: ${e.message}; serving plain http on localhost (run npx office-addin-dev-certs install to get https)`);
    return undefined;
  }
}

/**
 * Where the pane inside Excel loads office.js from. Microsoft requires its CDN for add-ins in the
 * marketplace; 21Vianet (China) has its own; `--env officeJs=office-js/office.js` serves the npm copy
 * from this origin (development, special clouds). Demo mode's index.html loads no office.js at all.
 */
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * The Content-Security-Policy of every page: nothing but this origin, and Microsoft's office.js CDN
 * on the pages that run inside Excel. No frames from elsewhere (office.js's telemetry frame is
 * refused), no inline scripts. Styles may be inline: Fluent UI writes its CSS at run time.
 * Development adds what webpack's dev server needs (eval'd modules, its websocket).
 */
function contentSecurityPolicy(officeJs, development) {
  const office = /^https:\/\//.test(officeJs) ? ` ${new URL(officeJs).origin}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${office}${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${office}${development ? ' ws: wss:' : ''}`,
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

export default async (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const officeJs = env.officeJs ?? process.env.OFFICE_JS_URL ?? OFFICE_JS_CDN;
  const serving = Boolean(env.WEBPACK_SERVE);
  const https = serving ? await httpsOptions(env) : undefined;
  const sources = ruleSources();
  // Linted here, once, as build:cli does for the CLI: the pane opens without a linter and a broken rule fails the build.
  const { preparePaneRules } = await tsImport('./scripts/pane-rules.ts', import.meta.url);
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    entry: { taskpane: './src/taskpane/index.tsx', commands: './src/taskpane/commands.ts' },
    output: { path: join(root, 'dist'), filename: '[name].[contenthash:8].js', clean: true },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // Sources import './x.js' (NodeNext style); the file is x.ts or x.tsx.
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [{ test: /\.tsx?$/, loader: join(root, 'scripts', 'esbuild-loader.cjs'), exclude: /node_modules/ }],
    },
    plugins: [
      // __RULE_SOURCES__ is read only by the module that loads local rules, so it stays out of the first load.
      new webpack.DefinePlugin({ __PANE_RULES__: JSON.stringify(preparePaneRules(sources)), __RULE_SOURCES__: JSON.stringify(sources) }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/pages/taskpane.html', chunks: ['taskpane'], officeJs, csp: contentSecurityPolicy(officeJs, !production) }),
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/taskpane/pages/taskpane.html', chunks: ['taskpane'], officeJs: '', csp: contentSecurityPolicy('', !production) }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/taskpane/pages/commands.html', chunks: ['commands'], officeJs, csp: contentSecurityPolicy(officeJs, !production) }),
      new HtmlWebpackPlugin({ filename: 'help.html', template: './src/taskpane/pages/help.html', chunks: [], csp: contentSecurityPolicy('', !production) }),
      new CopyWebpackPlugin({
        patterns: [
          // The npm copy of office.js (Chinese and English strings), for --env officeJs=office-js/office.js.
          { from: 'node_modules/@microsoft/office-js/dist', to: 'office-js', globOptions: { ignore: ['**/*.debug.js', '**/*.d.ts'] }, filter: (p) => !/[\\/][a-z]{2}-[a-z]{2}[\\/]/.test(p) || /[\\/](zh-cn|en-us)[\\/]/.test(p) },
          { from: 'assets', to: 'assets' },
          { from: 'samples/caofeidian-hrss-2024.xlsx', to: 'samples/caofeidian-hrss-2024.xlsx' },
          { from: 'manifest.xml', to: 'manifest.xml' },
        ],
      }),
    ],
    // esbuild minifies the 2.5 MB bundle in seconds where terser takes over a minute.
    // Our bundles only: the copied office.js files are served as Microsoft ships them.
    optimization: { minimizer: [new TerserPlugin({ exclude: /^office-js\//, minify: TerserPlugin.esbuildMinify, terserOptions: { legalComments: 'none' } })] },
    performance: { hints: false },
    stats: 'errors-warnings',
    devServer: {
      port: Number(env.port ?? 3000),
      host: env.host ?? 'localhost',
      server: https ? { type: 'https', options: https } : 'http',
      static: false,
      hot: false,
      liveReload: !env.noreload,
      client: env.noreload ? false : { overlay: { warnings: false } },
      historyApiFallback: false,
    },
  };
};

