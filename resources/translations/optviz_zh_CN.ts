<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>MainWindow</name>
        <message>
            <source>Surface</source>
            <translation>曲面</translation>
        </message>
        <message>
            <source>Concepts</source>
            <translation>概念</translation>
        </message>
        <message>
            <source>Experiment</source>
            <translation>实验</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>就绪</translation>
        </message>
        <message>
            <source>Running…</source>
            <translation>运行中…</translation>
        </message>
        <message>
            <source>Fix the surface settings (see the message in the panel).</source>
            <translation>请修正曲面设置（见面板中的提示）。</translation>
        </message>
        <message>
            <source>Fix the highlighted optimizer settings.</source>
            <translation>请修正突出显示的优化器设置。</translation>
        </message>
        <message>
            <source>Enable at least one optimizer.</source>
            <translation>请至少启用一个优化器。</translation>
        </message>
        <message>
            <source>Schedule {name} applied to optimizer {index}</source>
            <translation>已将学习率调度 {name} 应用到优化器 {index}</translation>
        </message>
        <message>
            <source>{runs} runs × {steps} steps in {ms} ms</source>
            <translation>{runs} 条轨迹 × {steps} 步，用时 {ms} 毫秒</translation>
        </message>
        <message>
            <source>{message} — diverged: {labels}</source>
            <translation>{message} — 发散：{labels}</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Open experiment…</source>
            <translation>打开实验(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Save experiment As…</source>
            <translation>实验另存为(&amp;S)…</translation>
        </message>
        <message>
            <source>&amp;Export…</source>
            <translation>导出(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Copy image</source>
            <translation>复制图像(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Presets</source>
            <translation>预设(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Log colour scale</source>
            <translation>对数色标(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Contour lines</source>
            <translation>等高线(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Gradient field</source>
            <translation>梯度场(&amp;G)</translation>
        </message>
        <message>
            <source>Reset &amp;zoom</source>
            <translation>重置缩放(&amp;Z)</translation>
        </message>
        <message>
            <source>P&amp;layback</source>
            <translation>播放(&amp;L)</translation>
        </message>
        <message>
            <source>Play / pause	Space</source>
            <translation>播放 / 暂停	Space</translation>
        </message>
        <message>
            <source>Step forward	→</source>
            <translation>前进一步	→</translation>
        </message>
        <message>
            <source>Step back	←</source>
            <translation>后退一步	←</translation>
        </message>
        <message>
            <source>First step	Home</source>
            <translation>第一步	Home</translation>
        </message>
        <message>
            <source>Last step	End</source>
            <translation>最后一步	End</translation>
        </message>
        <message>
            <source>Reset	R</source>
            <translation>重置	R</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>Keyboard &amp;shortcuts</source>
            <translation>键盘快捷键(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;About optviz</source>
            <translation>关于 optviz(&amp;A)</translation>
        </message>
        <message>
            <source>About optviz</source>
            <translation>关于 optviz</translation>
        </message>
        <message>
            <source>Open experiment</source>
            <translation>打开实验</translation>
        </message>
        <message>
            <source>Experiments (*.json)</source>
            <translation>实验文件 (*.json)</translation>
        </message>
        <message>
            <source>Cannot open experiment</source>
            <translation>无法打开实验</translation>
        </message>
        <message>
            <source>Cannot save</source>
            <translation>无法保存</translation>
        </message>
        <message>
            <source>Save experiment</source>
            <translation>保存实验</translation>
        </message>
        <message>
            <source>Saved {path}</source>
            <translation>已保存 {path}</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>w (slope)</source>
            <translation>w（斜率）</translation>
        </message>
        <message>
            <source>b (intercept)</source>
            <translation>b（截距）</translation>
        </message>
        <message>
            <source>Copy as &amp;PyTorch code</source>
            <translation>复制为 PyTorch 代码(&amp;T)</translation>
        </message>
        <message>
            <source>Copy as &amp;Keras code</source>
            <translation>复制为 Keras 代码(&amp;K)</translation>
        </message>
        <message>
            <source>PyTorch code copied to the clipboard</source>
            <translation>PyTorch 代码已复制到剪贴板</translation>
        </message>
        <message>
            <source>Keras code copied to the clipboard</source>
            <translation>Keras 代码已复制到剪贴板</translation>
        </message>
        <message>
            <source>La&amp;nguage</source>
            <translation>语言(&amp;N)</translation>
        </message>
        <message>
            <source>Some texts change language after a restart.</source>
            <translation>部分文字需重启 optviz 后才会切换语言。</translation>
        </message>
    </context>
    <context>
        <name>Presets</name>
        <message>
            <source>Ravine: SGD zig-zags, Momentum overshoots, adaptive methods rescale</source>
            <translation>峡谷：SGD 来回震荡，Momentum 冲过头，自适应方法按坐标轴缩放</translation>
        </message>
        <message>
            <source>The textbook figure: x²/20 + y² from (−7, 2), 30 iterations</source>
            <translation>教材插图：x²/20 + y²，起点 (−7, 2)，迭代 30 次</translation>
        </message>
        <message>
            <source>Saddle escape: plain GD on the ridge is stuck; noise and momentum escape</source>
            <translation>逃离鞍点：脊线上的普通梯度下降停滞不前，噪声和动量可以逃离</translation>
        </message>
        <message>
            <source>Local vs global minimum: who gets trapped in the shallow basin?</source>
            <translation>局部最小值与全局最小值：谁会困在浅的盆地里？</translation>
        </message>
        <message>
            <source>Plateau: tiny gradients; adaptive methods cross it faster</source>
            <translation>平台区：梯度极小，自适应方法穿越得更快</translation>
        </message>
        <message>
            <source>Rosenbrock valley: finding the valley is easy, following it is hard</source>
            <translation>Rosenbrock 山谷：找到谷底容易，沿着谷底前进难</translation>
        </message>
        <message>
            <source>Batch vs mini-batch vs stochastic gradient descent on linear regression</source>
            <translation>线性回归上的批量、小批量与随机梯度下降</translation>
        </message>
    </context>
    <context>
        <name>PlaybackBar</name>
        <message>
            <source>Back to the start (Home)</source>
            <translation>回到开头 (Home)</translation>
        </message>
        <message>
            <source>One step back (←)</source>
            <translation>后退一步 (←)</translation>
        </message>
        <message>
            <source>Play / pause (Space)</source>
            <translation>播放 / 暂停 (Space)</translation>
        </message>
        <message>
            <source>One step forward (→)</source>
            <translation>前进一步 (→)</translation>
        </message>
        <message>
            <source>Timeline: drag to any step</source>
            <translation>时间轴：拖动到任意一步</translation>
        </message>
        <message>
            <source>step {step} / {steps}</source>
            <translation>第 {step} / {steps} 步</translation>
        </message>
        <message>
            <source>speed</source>
            <translation>速度</translation>
        </message>
        <message>
            <source>{n} steps/s</source>
            <translation>{n} 步/秒</translation>
        </message>
        <message>
            <source>trail</source>
            <translation>轨迹长度</translation>
        </message>
        <message>
            <source>all</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Show only the last N steps of each path (all: whole path)</source>
            <translation>每条路径只显示最近 N 步（全部：整条路径）</translation>
        </message>
    </context>
    <context>
        <name>SidePlots</name>
        <message>
            <source>loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <source>loss − f_min</source>
            <translation>损失 − f_min</translation>
        </message>
        <message>
            <source>distance to minimum</source>
            <translation>到最小值的距离</translation>
        </message>
        <message>
            <source>learning rate</source>
            <translation>学习率</translation>
        </message>
        <message>
            <source>step</source>
            <translation>步</translation>
        </message>
    </context>
    <context>
        <name>EquationsPanel</name>
        <message>
            <source>Which run the step illustration follows</source>
            <translation>单步图示跟随哪一条轨迹</translation>
        </message>
        <message>
            <source>−η·g (plain gradient step)</source>
            <translation>−η·g（普通梯度步）</translation>
        </message>
        <message>
            <source>−η·(velocity / first moment)</source>
            <translation>−η·（速度 / 一阶矩）</translation>
        </message>
        <message>
            <source>actual update</source>
            <translation>实际更新</translation>
        </message>
        <message>
            <source>step t = {t}</source>
            <translation>第 t = {t} 步</translation>
        </message>
        <message>
            <source>run {status}</source>
            <translation>轨迹状态：{status}</translation>
        </message>
    </context>
    <context>
        <name>SurfacePanel</name>
        <message>
            <source>Surface</source>
            <translation>曲面</translation>
        </message>
        <message>
            <source>Custom expression…</source>
            <translation>自定义表达式…</translation>
        </message>
        <message>
            <source>e.g. sin(x)*cos(y) + 0.1*x**2</source>
            <translation>例如 sin(x)*cos(y) + 0.1*x**2</translation>
        </message>
        <message>
            <source>An expression in x and y: numbers, + − * / **, and functions such as sin, cos, exp, log, sqrt, abs, tanh</source>
            <translation>关于 x 和 y 的表达式：数字、+ − * / **，以及 sin、cos、exp、log、sqrt、abs、tanh 等函数</translation>
        </message>
        <message>
            <source>start (x, y)</source>
            <translation>起点 (x, y)</translation>
        </message>
        <message>
            <source>steps</source>
            <translation>步数</translation>
        </message>
        <message>
            <source>noise σ</source>
            <translation>噪声 σ</translation>
        </message>
        <message>
            <source>σ of Gaussian noise added to every gradient (seeded)</source>
            <translation>加到每个梯度上的高斯噪声的 σ（由随机种子决定）</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <source>full batch</source>
            <translation>全批量</translation>
        </message>
        <message>
            <source>Mini-batch size for data surfaces (full batch: all points)</source>
            <translation>数据曲面的小批量大小（全批量：全部数据点）</translation>
        </message>
        <message>
            <source>batch size</source>
            <translation>批量大小</translation>
        </message>
        <message>
            <source>Type an expression in x and y.</source>
            <translation>请输入关于 x 和 y 的表达式。</translation>
        </message>
    </context>
    <context>
        <name>OptimizerList</name>
        <message>
            <source>+  Add optimizer</source>
            <translation>+  添加优化器</translation>
        </message>
        <message>
            <source>Add the next classic optimizer in an unused colour</source>
            <translation>用一种未使用的颜色添加下一个经典优化器</translation>
        </message>
        <message>
            <source>{label} copy</source>
            <translation>{label} 副本</translation>
        </message>
    </context>
    <context>
        <name>OptimizerCard</name>
        <message>
            <source>Show all settings</source>
            <translation>显示全部设置</translation>
        </message>
        <message>
            <source>Race this optimizer</source>
            <translation>让这个优化器参与比较</translation>
        </message>
        <message>
            <source>Label in the legend</source>
            <translation>图例中的标签</translation>
        </message>
        <message>
            <source>Optimizer</source>
            <translation>优化器</translation>
        </message>
        <message>
            <source>Remove this optimizer</source>
            <translation>移除这个优化器</translation>
        </message>
        <message>
            <source>Whose update rule and keyword names to use</source>
            <translation>采用哪一方的更新规则和参数名</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Add a copy of this optimizer</source>
            <translation>添加这个优化器的副本</translation>
        </message>
        <message>
            <source>Flavour</source>
            <translation>风格</translation>
        </message>
        <message>
            <source>Learning-rate schedule</source>
            <translation>学习率调度</translation>
        </message>
    </context>
    <context>
        <name>ColorButton</name>
        <message>
            <source>Colour of this optimizer's path</source>
            <translation>这个优化器路径的颜色</translation>
        </message>
        <message>
            <source>Other…</source>
            <translation>其他…</translation>
        </message>
        <message>
            <source>Optimizer colour</source>
            <translation>优化器颜色</translation>
        </message>
        <message>
            <source>orange</source>
            <translation>橙色</translation>
        </message>
        <message>
            <source>sky blue</source>
            <translation>天蓝色</translation>
        </message>
        <message>
            <source>bluish green</source>
            <translation>蓝绿色</translation>
        </message>
        <message>
            <source>vermillion</source>
            <translation>朱红色</translation>
        </message>
        <message>
            <source>blue</source>
            <translation>蓝色</translation>
        </message>
        <message>
            <source>reddish purple</source>
            <translation>紫红色</translation>
        </message>
        <message>
            <source>black</source>
            <translation>黑色</translation>
        </message>
        <message>
            <source>yellow</source>
            <translation>黄色</translation>
        </message>
    </context>
    <context>
        <name>ScheduleEditor</name>
        <message>
            <source>torch, keras: no scheduler</source>
            <translation>torch、keras：不需要调度器</translation>
        </message>
        <message>
            <source>η {first} → {last}{peak} over {steps} steps</source>
            <translation>η {first} → {last}{peak}，共 {steps} 步</translation>
        </message>
        <message>
            <source> (peak {peak})</source>
            <translation>（峰值 {peak}）</translation>
        </message>
    </context>
    <context>
        <name>HyperFields</name>
        <message>
            <source>drag: learning rate on a log scale</source>
            <translation>拖动：按对数刻度调整学习率</translation>
        </message>
        <message>
            <source>auto</source>
            <translation>自动</translation>
        </message>
    </context>
    <context>
        <name>DocumentController</name>
        <message>
            <source>&amp;New</source>
            <translation>新建(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>打开(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>Save &amp;As…</source>
            <translation>另存为(&amp;A)…</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <source>Untitled</source>
            <translation>未命名</translation>
        </message>
        <message>
            <source>Cannot open experiment</source>
            <translation>无法打开实验</translation>
        </message>
        <message>
            <source>Cannot save</source>
            <translation>无法保存</translation>
        </message>
        <message>
            <source>The experiment has errors: fix the highlighted settings.</source>
            <translation>实验设置有错误：请修正突出显示的设置。</translation>
        </message>
        <message>
            <source>Saved {path}</source>
            <translation>已保存 {path}</translation>
        </message>
        <message>
            <source>Cannot restore the experiment</source>
            <translation>无法恢复实验</translation>
        </message>
        <message>
            <source>No recent files</source>
            <translation>没有最近打开的文件</translation>
        </message>
        <message>
            <source>&amp;Clear list</source>
            <translation>清除列表(&amp;C)</translation>
        </message>
        <message>
            <source>{path} no longer exists.</source>
            <translation>{path} 已不存在。</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <source>Unsaved changes</source>
            <translation>未保存的更改</translation>
        </message>
        <message>
            <source>Save the changes to {name}?</source>
            <translation>是否保存对 {name} 的更改？</translation>
        </message>
        <message>
            <source>Open experiment</source>
            <translation>打开实验</translation>
        </message>
        <message>
            <source>Experiments (*.json)</source>
            <translation>实验文件 (*.json)</translation>
        </message>
        <message>
            <source>Save experiment</source>
            <translation>保存实验</translation>
        </message>
        <message>
            <source>Restore unsaved experiment?</source>
            <translation>恢复未保存的实验？</translation>
        </message>
        <message>
            <source>optviz did not close normally last time. Restore the experiment autosaved at {time}?</source>
            <translation>optviz 上次没有正常关闭。是否恢复 {time} 自动保存的实验？</translation>
        </message>
    </context>
    <context>
        <name>Presentation</name>
        <message>
            <source>&amp;Presentation mode</source>
            <translation>演示模式(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Dark theme</source>
            <translation>深色主题(&amp;D)</translation>
        </message>
        <message>
            <source>Show p&amp;anel</source>
            <translation>显示面板(&amp;A)</translation>
        </message>
        <message>
            <source>Show or hide the experiment panel (Ctrl+B)</source>
            <translation>显示或隐藏实验面板 (Ctrl+B)</translation>
        </message>
        <message>
            <source>Keyboard &amp;shortcuts</source>
            <translation>键盘快捷键(&amp;S)</translation>
        </message>
        <message>
            <source>Presentation</source>
            <translation>演示</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>快捷键</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Menu</source>
            <translation>菜单</translation>
        </message>
    </context>
    <context>
        <name>About</name>
        <message>
            <source>See how gradient-descent optimizers move.</source>
            <translation>看看梯度下降优化器是怎样移动的。</translation>
        </message>
        <message>
            <source>optviz is free software under the MIT licence.</source>
            <translation>optviz 是采用 MIT 许可证的自由软件。</translation>
        </message>
        <message>
            <source>Built with</source>
            <translation>使用的软件</translation>
        </message>
        <message>
            <source>Data sets</source>
            <translation>数据集</translation>
        </message>
        <message>
            <source>The digits ship with optviz; MNIST and Fashion-MNIST are downloaded when asked for.</source>
            <translation>digits 数据集随 optviz 一起提供；MNIST 和 Fashion-MNIST 在需要时才下载。</translation>
        </message>
    </context>
</TS>
