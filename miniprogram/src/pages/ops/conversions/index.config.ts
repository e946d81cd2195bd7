export default definePageConfig({ navigationBarTitleText: '转码审核' });
