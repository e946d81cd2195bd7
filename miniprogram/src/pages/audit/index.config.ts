export default definePageConfig({ navigationBarTitleText: '为什么是这个颜色' });
