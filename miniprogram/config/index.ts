import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * Taro build configuration for weapp, alipay and h5 (webpack5 runner; see
 * docs/taro-build-notes.md for why not vite). The BFF's address is a build-time constant:
 * H5 is served by the BFF itself, so it calls its own origin; mini-program builds need the
 * HTTPS host registered with WeChat/Alipay, given as YIMA_API_BASE at build time.
 */
const sharedSrc = path.resolve(__dirname, '../../shared/src');

/** npm workspaces hoist most of Taro to the root node_modules, but a few packages (e.g.
 * @tarojs/plugin-framework-react, held back by a peer range) stay in miniprogram/node_modules,
 * where Taro's hoisted runtime cannot see them. Let webpack look in both. */
interface ChainModules {
  add(p: string): ChainModules;
}
function resolveFromBoth(chain: { resolve: { modules: ChainModules } }) {
  chain.resolve.modules.add(path.resolve(__dirname, '../node_modules')).add('node_modules');
}

export default defineConfig<'webpack5'>(async (merge) => {
  const apiBase = process.env.YIMA_API_BASE ?? (process.env.TARO_ENV === 'h5' ? '' : 'https://yima.example.cn');
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yima',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      YIMA_API_BASE: JSON.stringify(apiBase),
    },
    alias: {
      '@yima/shared': sharedSrc,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // shared/ sits outside src/: compile it like our own code.
      compile: { include: [sharedSrc] },
      webpackChain: resolveFromBoth,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      webpackChain: resolveFromBoth,
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? { logger: { quiet: false, stats: true } } : {});
});
