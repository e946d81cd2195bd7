import { platformAppConfig } from './platform/appConfig';

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/login/index',
    'pages/register/index',
    'pages/code/index',
    'pages/checkin/index',
    'pages/audit/index',
    'pages/family/index',
    'pages/family/add',
    'pages/family/filers',
    'pages/paper/index',
    'pages/visit/index',
    'pages/scan/index',
    'pages/privacy/index',
    'pages/conversion/index',
    'pages/records/index',
  ],
  // Staff-only pages load as subpackages: residents never download the scanner, the
  // community workers' dashboard, nor the operators' statistics, places, risk areas, marks
  // and grants pages.
  subPackages: [
    { root: 'pages/staff', pages: ['scanner/index', 'placeScreen/index'] },
    {
      root: 'pages/ops',
      pages: ['grid/index', 'grid/resident', 'stats/index', 'conversions/index', 'places/index', 'riskAreas/index', 'marks/index', 'grants/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '一码通行',
    navigationBarTextStyle: 'black',
  },
  ...platformAppConfig,
});
