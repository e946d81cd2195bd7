export default definePageConfig({ navigationBarTitleText: '谁在为我代办' });
