// Excel 2016 (volume licensed) shows add-ins in Internet Explorer 11, which cannot run this pane:
// say so in plain ES5 instead of leaving it blank. A file of its own, so the pages need no inline script.
(function () {
  if (window.Promise && window.fetch && 'noModule' in document.createElement('script')) return;
  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('root').innerHTML =
      '<p style="padding:16px">此版本的 Excel 用 Internet Explorer 显示加载项，无法运行预算表审核。请升级到 Office 2021 或 Microsoft 365，' +
      '或在浏览器中使用演示模式、在电脑上使用命令行 budget-check。<br><br>This Excel shows add-ins in Internet Explorer, which cannot run Budget Check. ' +
      'Use Office 2021 or Microsoft 365, demo mode in a browser, or the budget-check command line.</p>';
  });
})();
