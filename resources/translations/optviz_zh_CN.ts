<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../optviz/ui/about.py" line="15"/>
        <source>Qt for Python (PySide6) and Qt</source>
        <translation>Qt for Python (PySide6) 与 Qt</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/about.py" line="31"/>
        <source>UCI Optical Recognition of Handwritten Digits</source>
        <translation>UCI 手写数字光学识别数据集</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/about.py" line="64"/>
        <source>See how gradient-descent optimizers move.</source>
        <translation>看看梯度下降优化器是怎样移动的。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/about.py" line="65"/>
        <source>optviz is free software under the MIT licence.</source>
        <translation>optviz 是采用 MIT 许可证的自由软件。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/about.py" line="66"/>
        <source>Built with</source>
        <translation>使用的软件</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/about.py" line="67"/>
        <source>Data sets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/about.py" line="37"/>
        <source>The digits ship with optviz; MNIST and Fashion-MNIST are downloaded when asked for.</source>
        <translation>小型手写数字数据集随 optviz 一起提供；MNIST 和 Fashion-MNIST 在需要时才下载。</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <location filename="../../optviz/ui/concepts/helper.py" line="134"/>
        <source>the helper process stopped unexpectedly; change a setting to retry</source>
        <translation>辅助进程意外停止；更改任一设置即可重试</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/helper.py" line="137"/>
        <source>internal error: {kind}: {error}</source>
        <translation>内部错误：{kind}：{error}</translation>
    </message>
</context>
<context>
    <name>BackpropView</name>
    <message>
        <location filename="../../optviz/ui/concepts/backprop_view.py" line="211"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/backprop_view.py" line="212"/>
        <source>after step</source>
        <translation>更新后</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/backprop_view.py" line="213"/>
        <source>Take one update step</source>
        <translation>执行一步更新</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/backprop_view.py" line="214"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/backprop_view.py" line="251"/>
        <source>After 1 update step (η = {lr}, biases fixed): E_total = {error}</source>
        <translation>更新 1 步后（η = {lr}，偏置固定）：E_total = {error}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/backprop_view.py" line="253"/>
        <source>After {n} update steps (η = {lr}, biases fixed): E_total = {error}</source>
        <translation>更新 {n} 步后（η = {lr}，偏置固定）：E_total = {error}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/backprop_view.py" line="278"/>
        <source>where</source>
        <translation>其中</translation>
    </message>
</context>
<context>
    <name>BasinsView</name>
    <message>
        <location filename="../../optviz/ui/concepts/basins_drawing.py" line="18"/>
        <source>minimum reached</source>
        <translation>到达的最小值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_drawing.py" line="19"/>
        <source>steps to reach it</source>
        <translation>到达所需步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_drawing.py" line="20"/>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="164"/>
        <source>x (start)</source>
        <translation>x（起点）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="164"/>
        <source>y (start)</source>
        <translation>y（起点）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="165"/>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="166"/>
        <source>Surface and optimizer</source>
        <translation>曲面与优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="170"/>
        <source>surfaces with at most {count} known minima: one colour per basin</source>
        <translation>已知最小值不超过 {count} 个的曲面：每个盆地一种颜色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="180"/>
        <source>surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="180"/>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="180"/>
        <source>colour by</source>
        <translation>着色依据</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="183"/>
        <source>Hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="185"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="287"/>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="329"/>
        <source>{optimizer}: {starts} starts × {steps} steps</source>
        <translation>{optimizer}：{starts} 个起点 × {steps} 步</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="334"/>
        <source>arriving = within {tol} of a minimum</source>
        <translation>到达 = 与某个最小值的距离在 {tol} 以内</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="343"/>
        <source>{optimizer} (lr {lr}) on {surface}&lt;br&gt;{nx} × {ny} starts, {steps} steps</source>
        <translation>{optimizer}（学习率 {lr}）在 {surface} 上&lt;br&gt;{nx} × {ny} 个起点，{steps} 步</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_drawing.py" line="65"/>
        <source>steps to arrive: median {median}, 90 % within {p90}</source>
        <translation>到达所需步数：中位数 {median}，90% 在 {p90} 步以内</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_drawing.py" line="70"/>
        <source>no minimum reached: {share}</source>
        <translation>未到达任何最小值：{share}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_drawing.py" line="73"/>
        <source>diverged: {share}</source>
        <translation>发散：{share}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_drawing.py" line="76"/>
        <source>the race&apos;s start</source>
        <translation>比赛的起点</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <location filename="../../optviz/ui/panels/card_widgets.py" line="63"/>
        <source>Colour of this optimizer&apos;s path</source>
        <translation>这个优化器路径的颜色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/card_widgets.py" line="66"/>
        <source>Other…</source>
        <translation>其他…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/card_widgets.py" line="85"/>
        <source>Optimizer colour</source>
        <translation>优化器颜色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/style.py" line="26"/>
        <source>orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/style.py" line="27"/>
        <source>sky blue</source>
        <translation>天蓝色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/style.py" line="28"/>
        <source>bluish green</source>
        <translation>蓝绿色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/style.py" line="29"/>
        <source>vermillion</source>
        <translation>朱红色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/style.py" line="30"/>
        <source>blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/style.py" line="31"/>
        <source>reddish purple</source>
        <translation>紫红色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/style.py" line="32"/>
        <source>black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/style.py" line="33"/>
        <source>yellow</source>
        <translation>黄色</translation>
    </message>
</context>
<context>
    <name>ConceptsTab</name>
    <message>
        <location filename="../../optviz/ui/concepts/tab.py" line="59"/>
        <source>Averages (EWA)</source>
        <translation>指数加权平均 (EWA)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/tab.py" line="60"/>
        <source>Schedules</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/tab.py" line="61"/>
        <source>Learning-rate sweep</source>
        <translation>学习率扫描</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/tab.py" line="62"/>
        <source>Basins</source>
        <translation>吸引盆</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/tab.py" line="63"/>
        <source>Back-propagation</source>
        <translation>反向传播</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="45"/>
        <source>Digits (bundled, offline)</source>
        <translation>手写数字（内置，离线可用）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="139"/>
        <source>Images the network learns to classify</source>
        <translation>网络要学习分类的图像</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="140"/>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="142"/>
        <source>Fetch the four files (about 11–30 MB) and check them</source>
        <translation>下载这四个文件（约 11–30 MB）并校验</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="144"/>
        <source>Use folder…</source>
        <translation>使用文件夹…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="146"/>
        <source>Use the four IDX files you already have in a folder</source>
        <translation>使用文件夹中已有的四个 IDX 文件</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="148"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="207"/>
        <source>{title}: {files} is missing in {folder}. Download it, choose a folder that holds its four files, or train on the bundled digits.</source>
        <translation>{title}：{folder} 中缺少 {files}。请下载它，或选择一个包含全部四个文件的文件夹，或改用内置的手写数字训练。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="212"/>
        <source>{title}: {files} are missing in {folder}. Download it, choose a folder that holds its four files, or train on the bundled digits.</source>
        <translation>{title}：{folder} 中缺少 {files}。请下载它，或选择一个包含全部四个文件的文件夹，或改用内置的手写数字训练。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="226"/>
        <source>Data: {credit}</source>
        <translation>数据来源：{credit}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="232"/>
        <source>Bundled with optviz: 1,797 images of 8×8 pixels. No download.</source>
        <translation>随 optviz 内置：1,797 张 8×8 像素的图像，无需下载。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="239"/>
        <source>Ready: all four files are in {folder}</source>
        <translation>就绪：四个文件都在 {folder} 中</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="245"/>
        <source>Looking in {folder}: {found} of 4 files found; missing {files}.</source>
        <translation>在 {folder} 中查找：4 个文件找到了 {found} 个；缺少 {files}。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="258"/>
        <source>Folder with the four {title} files</source>
        <translation>包含四个 {title} 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="273"/>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="286"/>
        <source>cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="297"/>
        <source>Download cancelled; it resumes where it stopped next time.</source>
        <translation>下载已取消；下次将从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="304"/>
        <source>internal error: {error}</source>
        <translation>内部错误：{error}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="327"/>
        <source>Downloaded and checked: all four files are in {folder}</source>
        <translation>已下载并校验：四个文件都在 {folder} 中</translation>
    </message>
</context>
<context>
    <name>Datasets</name>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="53"/>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="54"/>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="55"/>
        <source>Pullover</source>
        <translation>套衫</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="56"/>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="57"/>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="58"/>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="59"/>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="60"/>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="61"/>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_data.py" line="62"/>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../optviz/ui/document_dialogs.py" line="27"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_dialogs.py" line="28"/>
        <source>Save the changes to {name}?</source>
        <translation>是否保存对 {name} 的更改？</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_dialogs.py" line="36"/>
        <source>Open experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_dialogs.py" line="36"/>
        <location filename="../../optviz/ui/document_dialogs.py" line="42"/>
        <source>Experiments (*.json)</source>
        <translation>实验文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_dialogs.py" line="42"/>
        <source>Save experiment</source>
        <translation>保存实验</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_dialogs.py" line="56"/>
        <source>Restore unsaved experiment?</source>
        <translation>恢复未保存的实验？</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_dialogs.py" line="58"/>
        <source>optviz did not close normally last time. Restore the experiment autosaved at {time}?</source>
        <translation>optviz 上次没有正常关闭。是否恢复 {time} 自动保存的实验？</translation>
    </message>
</context>
<context>
    <name>DocumentController</name>
    <message>
        <location filename="../../optviz/ui/document.py" line="122"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document.py" line="123"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document.py" line="124"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document.py" line="125"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document.py" line="126"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document.py" line="142"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document.py" line="186"/>
        <location filename="../../optviz/ui/document_recent.py" line="58"/>
        <source>Cannot open experiment</source>
        <translation>无法打开实验</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document.py" line="217"/>
        <location filename="../../optviz/ui/document.py" line="224"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document.py" line="218"/>
        <source>The experiment has errors: fix the highlighted settings.</source>
        <translation>实验设置有错误：请修正突出显示的设置。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document.py" line="235"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_autosave.py" line="104"/>
        <source>Cannot restore the experiment</source>
        <translation>无法恢复实验</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_recent.py" line="49"/>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_recent.py" line="51"/>
        <source>&amp;Clear list</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/document_recent.py" line="59"/>
        <source>{path} no longer exists.</source>
        <translation>{path} 已不存在。</translation>
    </message>
</context>
<context>
    <name>EquationsPanel</name>
    <message>
        <location filename="../../optviz/ui/equations_panel.py" line="91"/>
        <source>Which run the step illustration follows</source>
        <translation>单步图示跟随哪一条轨迹</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/equations_panel.py" line="43"/>
        <source>−η·g (plain gradient step)</source>
        <translation>−η·g（普通梯度步）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/equations_panel.py" line="44"/>
        <source>−η·(velocity / first moment)</source>
        <translation>−η·（速度 / 一阶矩）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/equations_panel.py" line="45"/>
        <source>actual update</source>
        <translation>实际更新</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/equations_panel.py" line="48"/>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/equations_panel.py" line="49"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/equations_panel.py" line="50"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/equations_panel.py" line="135"/>
        <source>step t = {t}</source>
        <translation>第 t = {t} 步</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/equations_panel.py" line="160"/>
        <source>run {status}</source>
        <translation>轨迹状态：{status}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="163"/>
        <source>{path}: must be in [0, 1), got {value}</source>
        <translation>{path}: 必须在 [0, 1) 之内，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="164"/>
        <source>{path}: must be &apos;zero&apos; or &apos;first&apos;, got {value}</source>
        <translation>{path}: 必须是 &apos;zero&apos; 或 &apos;first&apos;，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="165"/>
        <source>{path}: applies to S₀ = 0 only (init &apos;zero&apos;)</source>
        <translation>{path}: 仅适用于 S₀ = 0（init &apos;zero&apos;）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="166"/>
        <source>{path}: must be &gt;= {low}, got {value}</source>
        <translation>{path}: 必须 ≥ {low}，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="167"/>
        <source>{path}: {surface} lists no known minima</source>
        <translation>{path}: {surface} 没有已知的极小值点</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="168"/>
        <source>{path}: needs at least 2 × 2 points, got {nx} × {ny}</source>
        <translation>{path}: 至少需要 2 × 2 个点，当前为 {nx} × {ny}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="169"/>
        <source>{path}: need one learning rate per start ({expected}), got {count}</source>
        <translation>{path}: 每个起点需要一个学习率（共 {expected} 个），当前为 {count} 个</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="170"/>
        <source>{path}: must be one of {options}, got {value}</source>
        <translation>{path}: 必须是 {options} 之一，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="171"/>
        <source>{path}: must be a non-empty list of positive learning rates</source>
        <translation>{path}: 必须是由正学习率组成的非空列表</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="172"/>
        <source>{path}: enable at least one optimizer</source>
        <translation>{path}: 请至少启用一个优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="173"/>
        <source>{path}: {metric} needs a surface with known minima</source>
        <translation>{path}: {metric} 需要一个有已知极小值点的曲面</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="174"/>
        <source>{name}: cannot split {count} test images at {at}</source>
        <translation>{name}: 无法在第 {at} 张处拆分 {count} 张测试图像</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="175"/>
        <source>{file}: damaged or incomplete gzip file ({reason}); delete it and download it again</source>
        <translation>{file}: gzip 文件已损坏或不完整（{reason}）；请删除后重新下载</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="176"/>
        <source>{file}: not an IDX file (only {size} bytes)</source>
        <translation>{file}: 不是 IDX 文件（只有 {size} 字节）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="177"/>
        <source>{file}: not an IDX file (magic number {magic}; expected {labels} for labels or {images} for images)</source>
        <translation>{file}: 不是 IDX 文件（魔数为 {magic}；标签文件应为 {labels}，图像文件应为 {images}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="178"/>
        <source>{file}: truncated header ({size} bytes, {ndim} dimensions)</source>
        <translation>{file}: 文件头不完整（{size} 字节，{ndim} 维）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="179"/>
        <source>{file}: truncated ({count} bytes missing): the header promises {shape} values, {expected} bytes with the header, but there are {size} bytes</source>
        <translation>{file}: 文件不完整（缺少 {count} 字节）：文件头声明了 {shape} 个值，连同文件头应有 {expected} 字节，实际只有 {size} 字节</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="180"/>
        <source>{file}: trailing data after the last item ({count} bytes too many): the header promises {shape} values, {expected} bytes with the header, but there are {size} bytes</source>
        <translation>{file}: 最后一项之后还有多余数据（多出 {count} 字节）：文件头声明了 {shape} 个值，连同文件头应有 {expected} 字节，实际有 {size} 字节</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="181"/>
        <source>{file}: file not found</source>
        <translation>{file}: 找不到文件</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="182"/>
        <source>{file}: cannot read ({reason})</source>
        <translation>{file}: 无法读取（{reason}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="183"/>
        <source>unknown data set {name} (known: {names})</source>
        <translation>未知的数据集 {name}（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="184"/>
        <source>{file}: expected images of {expected}, got {shape}</source>
        <translation>{file}: 图像应为 {expected}，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="185"/>
        <source>{file}: expected labels (1 dimension), got shape {shape}</source>
        <translation>{file}: 应为标签（一维），实际形状为 {shape}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="186"/>
        <source>{file}: {count} labels for {images} images</source>
        <translation>{file}: {images} 张图像却有 {count} 个标签</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="187"/>
        <source>{file}: label {label} out of range 0–{top}</source>
        <translation>{file}: 标签 {label} 超出范围 0–{top}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="188"/>
        <source>{title}: the file {file} is missing (looked in {folder}). Download {title}, choose a folder that holds its four files (&apos;Use folder…&apos;), or train on the bundled &apos;digits&apos; data set, which needs no download.</source>
        <translation>{title}: 缺少文件 {file}（已在 {folder} 中查找）。请下载 {title}，或选择一个包含全部四个文件的文件夹（“使用文件夹…”），或改用无需下载的内置手写数字数据集训练。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="189"/>
        <source>{title} is bundled with optviz; there is nothing to download</source>
        <translation>{title} 已随 optviz 内置，无需下载</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="190"/>
        <source>cannot create {folder}: {reason}</source>
        <translation>无法创建 {folder}：{reason}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="191"/>
        <source>checksum mismatch for {file} from {source} ({count} attempt(s) in all) — you can download the files yourself and use &apos;Use folder…&apos;, or train on the bundled digits</source>
        <translation>{file} 的校验和不匹配，来源 {source}（共尝试 {count} 次）— 你可以自行下载这些文件并使用“使用文件夹…”，或改用内置的手写数字训练</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="192"/>
        <source>could not reach any mirror for {file} (offline?) — you can download the files yourself and use &apos;Use folder…&apos;, or train on the bundled digits. Tried: {failures}</source>
        <translation>无法连接任何镜像来下载 {file}（是否处于离线状态？）— 你可以自行下载这些文件并使用“使用文件夹…”，或改用内置的手写数字训练。已尝试：{failures}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="193"/>
        <source>could not download {file}: {failures} — you can download the files yourself and use &apos;Use folder…&apos;, or train on the bundled digits</source>
        <translation>无法下载 {file}：{failures} — 你可以自行下载这些文件并使用“使用文件夹…”，或改用内置的手写数字训练</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="194"/>
        <source>download of {file} cancelled</source>
        <translation>{file} 的下载已取消</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="195"/>
        <source>{path}: {error}</source>
        <translation>{path}: {error}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="196"/>
        <source>{path}.{error}</source>
        <translation>{path}.{error}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="197"/>
        <source>column {column}: {reason}</source>
        <translation>第 {column} 列：{reason}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="198"/>
        <source>{path}: must be a JSON object</source>
        <translation>{path}: 必须是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="199"/>
        <source>{path}: missing format version (expected {example})</source>
        <translation>{path}: 缺少格式版本（应为 {example}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="200"/>
        <source>{path}: must be a whole number, got {value}</source>
        <translation>{path}: 必须是整数，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="201"/>
        <source>{path}: this file was written by a newer optviz (format {version}); this version reads format {supported}. Please update optviz.</source>
        <translation>{path}: 此文件由更新版本的 optviz 写入（格式 {version}）；当前版本只能读取格式 {supported}。请更新 optviz。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="202"/>
        <source>{path}: unknown format version {version}</source>
        <translation>{path}: 未知的格式版本 {version}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="203"/>
        <source>{path}: unknown key (known: {names})</source>
        <translation>{path}: 未知的键（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="204"/>
        <source>{path}: must be an object</source>
        <translation>{path}: 必须是对象</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="205"/>
        <source>{path}: give either {one} or {other}, not both</source>
        <translation>{path}: {one} 和 {other} 只能给出其中一个</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="206"/>
        <source>{path}: must be a non-empty list of [x, y] points</source>
        <translation>{path}: 必须是由 [x, y] 点组成的非空列表</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="207"/>
        <source>{path}: must be an object like {example}</source>
        <translation>{path}: 必须是形如 {example} 的对象</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="208"/>
        <source>{path}: must be [xmin, xmax, ymin, ymax] with min &lt; max</source>
        <translation>{path}: 必须是 [xmin, xmax, ymin, ymax]，且 min &lt; max</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="209"/>
        <source>{path}: missing (a list of optimizers to race)</source>
        <translation>{path}: 缺失（应为参与比较的优化器列表）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="210"/>
        <source>{path}: must be a non-empty list</source>
        <translation>{path}: 必须是非空列表</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="211"/>
        <source>{path}: must be &lt;= steps ({steps}), got {value}</source>
        <translation>{path}: 必须 ≤ steps（{steps}），当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="212"/>
        <source>{path}: missing</source>
        <translation>{path}: 缺失</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="213"/>
        <source>{path}: must be true or false, got {value}</source>
        <translation>{path}: 必须是 true 或 false，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="214"/>
        <source>{path}: must be a string, got {value}</source>
        <translation>{path}: 必须是字符串，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="215"/>
        <source>{path}: must be a finite number, got {value}</source>
        <translation>{path}: 必须是有限的数，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="216"/>
        <source>not valid JSON: {reason} at line {line}, column {column}</source>
        <translation>不是有效的 JSON：第 {line} 行第 {column} 列：{reason}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="217"/>
        <source>{file}: no such file</source>
        <translation>{file}: 文件不存在</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="218"/>
        <source>{file}: not a text file (not UTF-8)</source>
        <translation>{file}: 不是文本文件（不是 UTF-8 编码）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="219"/>
        <source>the expression must be text, got {kind}</source>
        <translation>表达式必须是文本，当前为 {kind}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="220"/>
        <source>the expression is too long ({length} characters, at most {most})</source>
        <translation>表达式太长（{length} 个字符，最多 {most} 个）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="221"/>
        <source>the expression is empty</source>
        <translation>表达式为空</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="222"/>
        <source>parameters must be a dict of name -&gt; number</source>
        <translation>参数必须是“名称 -&gt; 数值”的字典</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="223"/>
        <source>parameter {name}: not a valid parameter name (use a letter-first name other than x, y, pi, e or a function name)</source>
        <translation>参数 {name}：不是有效的参数名（请使用以字母开头的名称，且不能是 x、y、pi、e 或函数名）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="224"/>
        <source>parameter {name}: must be a number, got {value}</source>
        <translation>参数 {name}：必须是数字，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="225"/>
        <source>parameter {name}: must be finite, got {value}</source>
        <translation>参数 {name}：必须是有限值，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="226"/>
        <source>the expression contains a null character</source>
        <translation>表达式中含有空字符</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="227"/>
        <source>the expression ends too early</source>
        <translation>表达式过早结束</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="228"/>
        <source>the expression is too complex to parse</source>
        <translation>表达式过于复杂，无法解析</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="229"/>
        <source>the expression is too complex ({count} parts, at most {most})</source>
        <translation>表达式过于复杂（{count} 个部分，最多 {most} 个）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="230"/>
        <source>text strings are not allowed</source>
        <translation>不允许使用文本字符串</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="231"/>
        <source>&apos;{word}&apos; is not allowed</source>
        <translation>不允许使用 &apos;{word}&apos;</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="232"/>
        <source>a name right after a number: write {number}*{name}</source>
        <translation>数字后面紧跟着名称：请写成 {number}*{name}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="233"/>
        <source>attribute access (&apos;.{name}&apos;) is not allowed</source>
        <translation>不允许访问属性（&apos;.{name}&apos;）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="234"/>
        <source>{what} is not allowed</source>
        <translation>不允许使用 {what}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="235"/>
        <source>&apos;{word}&apos; is not allowed; use numbers, x, y and parameters</source>
        <translation>不允许使用 &apos;{word}&apos;；请使用数字、x、y 和参数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="236"/>
        <source>complex numbers are not allowed</source>
        <translation>不允许使用复数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="237"/>
        <source>number too large</source>
        <translation>数字太大</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="238"/>
        <source>&apos;{name}&apos; is a function; call it like {name}(x)</source>
        <translation>&apos;{name}&apos; 是函数；请这样调用：{name}(x)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="239"/>
        <source>unknown name &apos;{name}&apos; (allowed: {names})</source>
        <translation>未知的名称 &apos;{name}&apos;（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="240"/>
        <source>operator &apos;{symbol}&apos; is not allowed (allowed: + - * / ** ^)</source>
        <translation>不允许使用运算符 &apos;{symbol}&apos;（可用：+ - * / ** ^）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="241"/>
        <source>exponent too large (at most {most} in size)</source>
        <translation>指数太大（绝对值最多为 {most}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="242"/>
        <source>exponent too large (a number in it exceeds 1e6)</source>
        <translation>指数太大（其中有数字超过 1e6）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="243"/>
        <source>only calls of named functions are allowed</source>
        <translation>只允许调用有名称的函数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="244"/>
        <source>&apos;{name}&apos; is not an allowed function (allowed: {names})</source>
        <translation>&apos;{name}&apos; 不是允许使用的函数（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="245"/>
        <source>keyword arguments are not allowed</source>
        <translation>不允许使用关键字参数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="246"/>
        <source>{name} takes exactly one argument, got {count}</source>
        <translation>{name} 只接受一个参数，当前为 {count} 个</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="247"/>
        <source>{path}: must be a list of numbers, got {value}</source>
        <translation>{path}: 必须是数字列表，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="248"/>
        <source>{path}: must be a list of two numbers, got {value}</source>
        <translation>{path}: 必须是包含两个数字的列表，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="249"/>
        <source>{path}: must be a number, got {value}</source>
        <translation>{path}: 必须是数字，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="250"/>
        <source>{path}: must be &gt; {low}, got {value}</source>
        <translation>{path}: 必须 &gt; {low}，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="251"/>
        <source>{path}: must be &lt; {high}, got {value}</source>
        <translation>{path}: 必须 &lt; {high}，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="252"/>
        <source>{path}: must be &lt;= {high}, got {value}</source>
        <translation>{path}: 必须 ≤ {high}，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="253"/>
        <source>PCA needs the paths to spread in two directions: train a few more iterations, or use random directions</source>
        <translation>PCA 需要路径在两个方向上都有展开：请再多训练几次迭代，或改用随机方向</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="254"/>
        <source>landscape method: one of {options}, got {value}</source>
        <translation>地形方法：必须是 {options} 之一，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="255"/>
        <source>{label} diverged: centre the landscape on another optimizer</source>
        <translation>{label} 已发散：请以另一个优化器为中心绘制地形</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="256"/>
        <source>{path}: must be one of {options} or a number (std), got {value}</source>
        <translation>{path}: 必须是 {options} 之一或一个数（标准差），当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="257"/>
        <source>layer sizes must be positive, got {sizes}</source>
        <translation>各层大小必须为正数，当前为 {sizes}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="260"/>
        <source>{path}: requires momentum &gt; 0 and dampening 0</source>
        <translation>{path}: 需要 momentum &gt; 0 且 dampening 为 0</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="258"/>
        <source>{path}: unknown flavour {name} (known: {names})</source>
        <translation>{path}: 未知的风格 {name}（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="259"/>
        <source>{path}: unknown optimizer {name} (known: {names})</source>
        <translation>{path}: 未知的优化器 {name}（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="264"/>
        <source>{path}: must be greater than the one before, got {value}</source>
        <translation>{path}: 必须大于前一个值，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="265"/>
        <source>{path}: must have one more entry than boundaries ({expected}), got {count}</source>
        <translation>{path}: 条目数必须比 boundaries 多一个（{expected} 个），当前为 {count} 个</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="263"/>
        <source>{path}: every phase needs more than one step, got pct_start {value} with total_steps {total}</source>
        <translation>{path}: 每个阶段都需要多于一步，当前 pct_start 为 {value}，total_steps 为 {total}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="261"/>
        <source>{path}: must be an object with a name, got {value}</source>
        <translation>{path}: 必须是带有名称（name）的对象，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="262"/>
        <source>{path}: unknown schedule {name} (known: {names})</source>
        <translation>{path}: 未知的学习率调度 {name}（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="266"/>
        <source>{path}: must be an object, got {value}</source>
        <translation>{path}: 必须是对象，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="267"/>
        <source>{path}: not a usable parameter name (a letter-first name other than x, y, pi, e and the function names)</source>
        <translation>{path}: 不是可用的参数名（应以字母开头，且不能是 x、y、pi、e 或函数名）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="268"/>
        <source>{path}: must be [xmin, xmax, ymin, ymax], got {value}</source>
        <translation>{path}: 必须是 [xmin, xmax, ymin, ymax]，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="269"/>
        <source>{path}: needs xmin &lt; xmax and ymin &lt; ymax, got {value}</source>
        <translation>{path}: 需要 xmin &lt; xmax 且 ymin &lt; ymax，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="270"/>
        <source>{path}: must be an object with a &apos;name&apos;, got {value}</source>
        <translation>{path}: 必须是带有 &apos;name&apos; 的对象，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="271"/>
        <source>{path}: missing (known: {names})</source>
        <translation>{path}: 缺失（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="272"/>
        <source>{path}: unknown surface {name} (known: {names})</source>
        <translation>{path}: 未知的曲面 {name}（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="273"/>
        <source>{path}: must be text, got {value}</source>
        <translation>{path}: 必须是文本，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="274"/>
        <source>{path}: needs validation_fraction &gt; 0</source>
        <translation>{path}: 需要 validation_fraction &gt; 0</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="275"/>
        <source>{path}: {fraction} of {count} samples leaves no validation or no training data</source>
        <translation>{path}: 从 {count} 个样本中划出 {fraction} 后，验证数据或训练数据为空</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="276"/>
        <source>{path}: {name} has no training data</source>
        <translation>{path}: {name} 没有训练数据</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="277"/>
        <source>{path}: missing (the experiment has no {section} section)</source>
        <translation>{path}: 缺失（实验中没有 {section} 部分）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="278"/>
        <source>interrupted at iteration {iteration}; nothing written</source>
        <translation>在第 {iteration} 次迭代时中断；未写入任何内容</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="279"/>
        <source>{path}: each must be an object with a name, got {value}</source>
        <translation>{path}: 每一项都必须是带有名称（name）的对象，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="280"/>
        <source>{name}: unsupported file type (use {known})</source>
        <translation>{name}：不支持的文件类型（请用 {known}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="281"/>
        <source>folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="282"/>
        <source>unknown view {view} (use {known})</source>
        <translation>未知的视图 {view}（请用 {known}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="283"/>
        <source>size {width}×{height}: width must be {low}…{max_width} and height {low}…{max_height} pixels</source>
        <translation>尺寸 {width}×{height}：宽度须为 {low}…{max_width}，高度须为 {low}…{max_height} 像素</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="284"/>
        <source>size {width}×{height}: MP4 needs an even width and height</source>
        <translation>尺寸 {width}×{height}：MP4 的宽度和高度须为偶数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="285"/>
        <source>{name}: unsupported file type for the {view} view (use {known})</source>
        <translation>{name}：{view} 视图不支持此文件类型（请用 {known}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="286"/>
        <source>{name}: not an image format (use .png, .svg or .pdf)</source>
        <translation>{name}：不是图像格式（请用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="287"/>
        <source>{view} is not a view of the Concepts tab</source>
        <translation>{view} 不是“概念”标签页中的视图</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="288"/>
        <source>the image could not be encoded as PNG</source>
        <translation>无法将图像编码为 PNG</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="289"/>
        <source>{name}: not a data format (use .csv or .json)</source>
        <translation>{name}：不是数据格式（请用 .csv 或 .json）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="290"/>
        <source>nothing to export yet: the run has not finished</source>
        <translation>尚无可导出的内容：运行还没有结束</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="291"/>
        <source>fps must be 1…{high} for {format}</source>
        <translation>{format} 的帧率须为 1…{high}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="292"/>
        <source>duration must be 0.1…{high} seconds</source>
        <translation>时长须为 0.1…{high} 秒</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="293"/>
        <source>{name}: not an animation format (use .gif or .mp4)</source>
        <translation>{name}：不是动画格式（请用 .gif 或 .mp4）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="294"/>
        <source>the animation could not be written: {reason}</source>
        <translation>无法写入动画：{reason}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="295"/>
        <source>{name}: for data use `optviz run EXPERIMENT --out {name}`</source>
        <translation>{name}：导出数据请用 `optviz run EXPERIMENT --out {name}`</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="296"/>
        <source>{name}: the {view} view is a picture of a finished race (use .png, .svg or .pdf)</source>
        <translation>{name}：{view} 视图是已完成竞赛的静态图（请用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="298"/>
        <source>{file}: no &quot;training&quot; section: the {view} view needs a race of networks</source>
        <translation>{file}：没有 &quot;training&quot; 部分：{view} 视图需要一场网络训练竞赛</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="300"/>
        <source>{file}: this experiment trains networks: draw it with --view training or --view landscape</source>
        <translation>{file}：此实验训练的是网络：请用 --view training 或 --view landscape 绘制</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="297"/>
        <source>--view 3d needs OpenGL, which is not available ({problem})</source>
        <translation>--view 3d 需要 OpenGL，但当前不可用（{problem}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="299"/>
        <source>{file}: no enabled optimizers to race</source>
        <translation>{file}：没有启用的优化器可以比赛</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="302"/>
        <source>--centre {centre}: no such optimizer in the race (use one of {labels}, or 1…{count})</source>
        <translation>--centre {centre}：比赛中没有这个优化器（请用 {labels} 之一，或 1…{count}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="301"/>
        <source>{file}: no enabled optimizers to draw on a surface</source>
        <translation>{file}：没有启用的优化器可在曲面上绘制</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="303"/>
        <source>this window has no training tab to export</source>
        <translation>此窗口没有可导出的训练标签页</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="304"/>
        <source>no loss landscape to export: compute one first</source>
        <translation>没有可导出的损失地形：请先计算</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="305"/>
        <source>the 3D view cannot be drawn: {reason}</source>
        <translation>无法绘制 3D 视图：{reason}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="306"/>
        <source>the 3D view could not be rendered at {width}×{height}</source>
        <translation>无法以 {width}×{height} 渲染 3D 视图</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="307"/>
        <source>{path}: must be a number</source>
        <translation>{path}: 必须是数字</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="308"/>
        <source>{path}: unknown schedule {name}</source>
        <translation>{path}: 未知的学习率调度 {name}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="309"/>
        <source>{path}: unknown data set {name}</source>
        <translation>{path}: 未知的数据集 {name}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="310"/>
        <source>{path}: {part} is not a layer size; write whole numbers ≥ 1 separated by commas, e.g. 100,100</source>
        <translation>{path}: {part} 不是有效的层大小；请填写 ≥ 1 的整数，用逗号分隔，例如 100,100</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="311"/>
        <source>{path}: must be a whole number (or empty for all), got {value}</source>
        <translation>{path}: 必须是整数（留空表示全部），当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="312"/>
        <source>internal error: {kind}: {error}</source>
        <translation>内部错误：{kind}：{error}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="313"/>
        <source>not enough memory for this data set and network</source>
        <translation>内存不足，无法处理该数据集和网络</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="314"/>
        <source>not enough memory for this loss landscape</source>
        <translation>内存不足，无法计算该损失地形</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="315"/>
        <source>attribute access (&apos;.&apos;) is not allowed</source>
        <translation>不允许访问属性（&apos;.&apos;）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="316"/>
        <source>indexing (&apos;[...]&apos;) is not allowed</source>
        <translation>不允许使用索引（&apos;[...]&apos;）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="317"/>
        <source>lambda is not allowed</source>
        <translation>不允许使用 lambda</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="318"/>
        <source>comprehensions are not allowed</source>
        <translation>不允许使用推导式</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="319"/>
        <source>lists are not allowed</source>
        <translation>不允许使用列表</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="320"/>
        <source>tuples are not allowed (or a stray comma)</source>
        <translation>不允许使用元组（或多了一个逗号）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="321"/>
        <source>sets are not allowed</source>
        <translation>不允许使用集合</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="322"/>
        <source>dicts are not allowed</source>
        <translation>不允许使用字典</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="323"/>
        <source>comparisons are not allowed</source>
        <translation>不允许使用比较运算</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="324"/>
        <source>&apos;and&apos; / &apos;or&apos; are not allowed</source>
        <translation>不允许使用 &apos;and&apos; / &apos;or&apos;</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="325"/>
        <source>&apos;if ... else&apos; is not allowed</source>
        <translation>不允许使用 &apos;if ... else&apos;</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="326"/>
        <source>&apos;:=&apos; is not allowed</source>
        <translation>不允许使用 &apos;:=&apos;</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="327"/>
        <source>f-strings are not allowed</source>
        <translation>不允许使用 f-string</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="328"/>
        <source>&apos;*&apos; unpacking is not allowed</source>
        <translation>不允许使用 &apos;*&apos; 解包</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="329"/>
        <source>slices are not allowed</source>
        <translation>不允许使用切片</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="330"/>
        <source>invalid syntax</source>
        <translation>语法错误</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="331"/>
        <source>&apos;{bracket}&apos; was never closed</source>
        <translation>&apos;{bracket}&apos; 没有闭合</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="332"/>
        <source>unmatched &apos;{bracket}&apos;</source>
        <translation>多余的 &apos;{bracket}&apos;（没有与之匹配的左括号）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="333"/>
        <source>closing parenthesis &apos;{closing}&apos; does not match opening parenthesis &apos;{opening}&apos;</source>
        <translation>右括号 &apos;{closing}&apos; 与左括号 &apos;{opening}&apos; 不匹配</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="334"/>
        <source>invalid character {char}</source>
        <translation>无效字符 {char}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="335"/>
        <source>invalid decimal literal</source>
        <translation>无效的十进制数字</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="336"/>
        <source>invalid hexadecimal literal</source>
        <translation>无效的十六进制数字</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="337"/>
        <source>unterminated string literal (detected at line {line})</source>
        <translation>字符串没有结束（在第 {line} 行发现）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="338"/>
        <source>leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers</source>
        <translation>十进制整数不允许有前导零；八进制整数请使用 0o 前缀</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="339"/>
        <source>unexpected character after line continuation character</source>
        <translation>续行符后出现了意外的字符</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="340"/>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
</context>
<context>
    <name>EwaView</name>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="36"/>
        <source>S₀ = 0  (lecture)</source>
        <translation>S₀ = 0（课程讲义）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="37"/>
        <source>S₁ = Y₁  (course code)</source>
        <translation>S₁ = Y₁（课程代码）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="39"/>
        <source>the course&apos;s series: torch.manual_seed(0); torch.randn(30) * 10</source>
        <translation>课程中的序列：torch.manual_seed(0); torch.randn(30) * 10</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="63"/>
        <source>paste some numbers first</source>
        <translation>请先粘贴一些数字</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="69"/>
        <source>not a number: {bad}</source>
        <translation>不是数字：{bad}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="72"/>
        <source>every value must be finite</source>
        <translation>每个值都必须是有限数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="75"/>
        <source>at most {count} values</source>
        <translation>最多 {count} 个值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="209"/>
        <source>day t</source>
        <translation>第 t 天</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="210"/>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="211"/>
        <source>Series Yₜ and its averages Sₜ</source>
        <translation>序列 Yₜ 及其平均值 Sₜ</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="213"/>
        <source>day k</source>
        <translation>第 k 天</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="213"/>
        <source>weight of Yₖ</source>
        <translation>Yₖ 的权重</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="214"/>
        <source>Averages  Sₜ = β Sₜ₋₁ + (1 − β) Yₜ</source>
        <translation>平均值  Sₜ = β Sₜ₋₁ + (1 − β) Yₜ</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="217"/>
        <source>β = {beta}   (≈ {days} days)</source>
        <translation>β = {beta}   （≈ {days} 天）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="218"/>
        <source>your β (dashed; its weights below)</source>
        <translation>你的 β（虚线；权重见下图）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="219"/>
        <source>Start and bias</source>
        <translation>初值与偏差</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="222"/>
        <source>bias correction  Sₜ / (1 − βᵗ)</source>
        <translation>偏差修正  Sₜ / (1 − βᵗ)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="223"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="224"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="226"/>
        <source>a new seed: torch.manual_seed(seed); torch.randn(n) * 10</source>
        <translation>换一个随机种子：torch.manual_seed(seed); torch.randn(n) * 10</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="228"/>
        <source>Course series</source>
        <translation>课程序列</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="229"/>
        <source>paste your own values: 3.1, 2.7, 4.0 …</source>
        <translation>粘贴你自己的数值：3.1, 2.7, 4.0 …</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="230"/>
        <source>Use these values</source>
        <translation>使用这些数值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="258"/>
        <source>your {count} values</source>
        <translation>你的 {count} 个数值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="318"/>
        <source>Weight of each day in {last} for β = {beta}: they sum to {total}</source>
        <translation>β = {beta} 时每一天在 {last} 中的权重：总和为 {total}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="323"/>
        <source>β = {beta} averages ≈ the last 1/(1 − β) = {window} values</source>
        <translation>β = {beta} 时约平均最近 1/(1 − β) = {window} 个数值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/ewa_view.py" line="312"/>
        <source>Showing {source}.</source>
        <translation>当前显示：{source}。</translation>
    </message>
</context>
<context>
    <name>ExportButtons</name>
    <message>
        <location filename="../../optviz/ui/concepts/common.py" line="203"/>
        <source>Save image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/common.py" line="204"/>
        <source>the figure as PNG (pixels) or SVG (vector lines)</source>
        <translation>将图保存为 PNG（像素）或 SVG（矢量线条）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/common.py" line="205"/>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/common.py" line="206"/>
        <source>the numbers drawn, as a table</source>
        <translation>将绘制的数值保存为表格</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/common.py" line="232"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/common.py" line="233"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/common.py" line="234"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/common.py" line="241"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/common.py" line="252"/>
        <location filename="../../optviz/ui/concepts/common.py" line="254"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="40"/>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="41"/>
        <source>SVG (vector)</source>
        <translation>SVG（矢量）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="42"/>
        <source>PDF (vector)</source>
        <translation>PDF（矢量）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="43"/>
        <source>GIF animation</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="44"/>
        <source>MP4 video</source>
        <translation>MP4 视频</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="45"/>
        <source>CSV data (trajectories)</source>
        <translation>CSV 数据（轨迹）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="46"/>
        <source>JSON data (trajectories)</source>
        <translation>JSON 数据（轨迹）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="49"/>
        <source>1920 × 1080 (Full HD)</source>
        <translation>1920 × 1080（全高清）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="50"/>
        <source>3840 × 2160 (4K)</source>
        <translation>3840 × 2160（4K）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="51"/>
        <source>A4 landscape, 300 dpi (3508 × 2480)</source>
        <translation>A4 横向，300 dpi（3508 × 2480）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="52"/>
        <source>1280 × 720 (HD)</source>
        <translation>1280 × 720（高清）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="53"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="58"/>
        <source>Surface (2D)</source>
        <translation>曲面（2D）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="59"/>
        <source>Surface (3D)</source>
        <translation>曲面（3D）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="60"/>
        <source>Loss curves</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="61"/>
        <source>Distance to the minimum</source>
        <translation>到最小值的距离</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="62"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="63"/>
        <source>Loss, distance and learning rate</source>
        <translation>损失、距离与学习率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="64"/>
        <source>Training curves</source>
        <translation>训练曲线</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="65"/>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="66"/>
        <source>Exponentially weighted averages</source>
        <translation>指数加权平均</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="67"/>
        <source>Learning-rate schedules</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="68"/>
        <source>Learning-rate sweep</source>
        <translation>学习率扫描</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="69"/>
        <source>Basins of attraction</source>
        <translation>吸引盆</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="70"/>
        <source>Back-propagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="171"/>
        <location filename="../../optviz/ui/export_dialog.py" line="295"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="178"/>
        <source>Transparent background</source>
        <translation>透明背景</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="179"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="180"/>
        <source>Length of the race; automatic plays 30 steps per second</source>
        <translation>比赛动画的时长；自动：每秒播放 30 步</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="182"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="183"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="184"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="185"/>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="186"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="190"/>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="191"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="192"/>
        <source>Copy image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="262"/>
        <source>No run yet</source>
        <translation>还没有运行结果</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="263"/>
        <source>{runs} runs × {steps} steps
one row per run and step</source>
        <translation>{runs} 条轨迹 × {steps} 步
每条轨迹的每一步占一行</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="331"/>
        <location filename="../../optviz/ui/export_dialog.py" line="349"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="340"/>
        <source>Copied to the clipboard</source>
        <translation>已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="349"/>
        <source>Export cancelled; nothing was written</source>
        <translation>导出已取消；未写入任何文件</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="358"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="395"/>
        <source>Could not write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="396"/>
        <source>the file</source>
        <translation>该文件</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/export_dialog.py" line="400"/>
        <source>Internal error: {kind}: {error}</source>
        <translation>内部错误：{kind}：{error}</translation>
    </message>
</context>
<context>
    <name>HyperFields</name>
    <message>
        <location filename="../../optviz/ui/panels/hyper_fields.py" line="93"/>
        <source>range {range}</source>
        <translation>范围 {range}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/hyper_fields.py" line="101"/>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/hyper_fields.py" line="103"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/hyper_fields.py" line="104"/>
        <source>default {value}</source>
        <translation>默认值 {value}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/hyper_fields.py" line="164"/>
        <source>drag: learning rate on a log scale</source>
        <translation>拖动：按对数刻度调整学习率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/hyper_fields.py" line="232"/>
        <source>first</source>
        <translation>第一个</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/hyper_fields.py" line="233"/>
        <source>second</source>
        <translation>第二个</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/hyper_fields.py" line="259"/>
        <source>comma-separated numbers</source>
        <translation>用逗号分隔的数字</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/hyper_fields.py" line="297"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>Hyperparameters</name>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="37"/>
        <source>updates per start</source>
        <translation>每个起点的更新步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="38"/>
        <source>starts per side (grid × grid)</source>
        <translation>每边的起点数（grid × grid）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/basins_view.py" line="39"/>
        <source>how close to a minimum counts as arriving; empty: 1 % of the view</source>
        <translation>离最小值多近算作到达；留空：视图范围的 1%</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="38"/>
        <source>updates per run</source>
        <translation>每次运行的更新步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="39"/>
        <source>learning rates, log-spaced</source>
        <translation>学习率个数，按对数等距分布</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="40"/>
        <source>final loss − f*, or the first step with loss − f* ≤ tol</source>
        <translation>最终的 损失 − f*，或首次达到 损失 − f* ≤ tol 的步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="43"/>
        <source>for steps_to_tol</source>
        <translation>用于 steps_to_tol</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="82"/>
        <source>curvature / 2</source>
        <translation>曲率 / 2</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="83"/>
        <source>condition number</source>
        <translation>条件数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="84"/>
        <source>rotation in degrees</source>
        <translation>旋转角度（度）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="85"/>
        <source>minimum at (a, a²)</source>
        <translation>最小值位于 (a, a²)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="86"/>
        <source>steepness of the valley walls</source>
        <translation>谷壁的陡峭程度</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="87"/>
        <source>depth of the dimples</source>
        <translation>小凹坑的深度</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="88"/>
        <source>standard deviation of the noise</source>
        <translation>噪声的标准差</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="89"/>
        <source>random seed of the data set</source>
        <translation>数据集的随机种子</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="90"/>
        <source>slope the data are drawn from</source>
        <translation>生成数据所用的斜率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="91"/>
        <source>intercept the data are drawn from</source>
        <translation>生成数据所用的截距</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="92"/>
        <source>learning rate: how far each step moves</source>
        <translation>学习率：每一步走多远</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="93"/>
        <source>fraction of the previous step kept (0 = plain SGD)</source>
        <translation>保留上一步的比例（0 = 普通 SGD）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="94"/>
        <source>scales down the new gradient in the buffer</source>
        <translation>缩小缓冲区中新梯度的比例</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="95"/>
        <source>L2 penalty: λ w is added to the gradient</source>
        <translation>L2 惩罚：把 λ w 加到梯度上</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="96"/>
        <source>look-ahead: step along g + μ b instead of b</source>
        <translation>前瞻：沿 g + μ b 而不是 b 更新</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="97"/>
        <source>η is divided by 1 + (t − 1) δ</source>
        <translation>η 除以 1 + (t − 1) δ</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="98"/>
        <source>starting value of s</source>
        <translation>s 的初始值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="99"/>
        <source>small constant added to the denominator to avoid division by zero</source>
        <translation>加到分母上的小常数，防止除以零</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="100"/>
        <source>decay rate of the running average of g²</source>
        <translation>g² 滑动平均的衰减率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="101"/>
        <source>momentum applied to the normalised step</source>
        <translation>作用在归一化步长上的动量</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="102"/>
        <source>divide by the variance of g, not the mean of g²</source>
        <translation>除以 g 的方差，而不是 g² 的均值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="103"/>
        <source>decay rates of the running averages of the gradient and of its square</source>
        <translation>梯度及其平方的滑动平均的衰减率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="104"/>
        <source>divide by the largest v so far (AMSGrad)</source>
        <translation>除以迄今为止最大的 v（AMSGrad）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="105"/>
        <source>decay the weights directly (w ← w (1 − η λ)) instead of adding λ w to g</source>
        <translation>直接衰减权重（w ← w (1 − η λ)），而不是把 λ w 加到 g 上</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="106"/>
        <source>how fast μₜ warms up to β₁</source>
        <translation>μₜ 升到 β₁ 的快慢</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="107"/>
        <source>decay rate of the running averages</source>
        <translation>滑动平均的衰减率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="108"/>
        <source>fraction of the velocity kept each step</source>
        <translation>每一步保留的速度比例</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="109"/>
        <source>look-ahead: w ← w + μ v − η g</source>
        <translation>前瞻：w ← w + μ v − η g</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="110"/>
        <source>starting value of acc</source>
        <translation>acc 的初始值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="111"/>
        <source>ε-hat: small constant that keeps the denominator away from 0</source>
        <translation>ε-hat：让分母远离 0 的小常数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="112"/>
        <source>decay rate of the running average of g</source>
        <translation>g 滑动平均的衰减率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="113"/>
        <source>weight of the past in the average (≈ 1/(1 − β) steps)</source>
        <translation>平均中过去值的权重（约平均最近 1/(1 − β) 步）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="114"/>
        <source>weight of the past in the average of dw²</source>
        <translation>dw² 平均中过去值的权重</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="115"/>
        <source>weight of the past in the average of dw (momentum)</source>
        <translation>dw 平均中过去值的权重（动量）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="116"/>
        <source>weight of the past in the average of dw² (RMSprop)</source>
        <translation>dw² 平均中过去值的权重（RMSprop）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="117"/>
        <source>steps between decays</source>
        <translation>两次衰减之间的步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="118"/>
        <source>multiplicative factor</source>
        <translation>乘法因子</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="119"/>
        <source>steps at which lr is multiplied</source>
        <translation>学习率在这些步乘以衰减因子</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="120"/>
        <source>factor per decay_steps steps</source>
        <translation>每 decay_steps 步的衰减因子</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="121"/>
        <source>steps per unit of decay</source>
        <translation>每单位衰减对应的步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="122"/>
        <source>decay in whole steps: ⌊t / decay_steps⌋</source>
        <translation>阶梯式衰减：⌊t / decay_steps⌋</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="123"/>
        <source>how fast the 1/t decay sets in</source>
        <translation>1/t 衰减开始起作用的快慢</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="124"/>
        <source>steps, strictly increasing</source>
        <translation>步数，严格递增</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="125"/>
        <source>one per interval</source>
        <translation>每个区间一个</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="126"/>
        <source>steps to reach end_learning_rate</source>
        <translation>降到 end_learning_rate 所需的步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="127"/>
        <source>absolute</source>
        <translation>绝对值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="128"/>
        <source>1 is a straight line</source>
        <translation>1 为直线</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="129"/>
        <source>restart the decay, each time over a longer span</source>
        <translation>重新开始衰减，每次的跨度更长</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="130"/>
        <source>steps from η₀ down to η_min</source>
        <translation>从 η₀ 降到 η_min 的步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="131"/>
        <source>lowest learning rate</source>
        <translation>最低学习率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="132"/>
        <source>steps until the first restart</source>
        <translation>第一次重启前的步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="133"/>
        <source>each cycle is T_mult times longer than the last</source>
        <translation>每个周期是上一个的 T_mult 倍长</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="134"/>
        <source>peak learning rate (absolute)</source>
        <translation>峰值学习率（绝对值）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="135"/>
        <source>steps from η₀ up to η_max</source>
        <translation>从 η₀ 升到 η_max 的步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="136"/>
        <source>steps back down; empty means step_size_up</source>
        <translation>降回去的步数；留空表示与 step_size_up 相同</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="137"/>
        <source>exp_range: height × γ^t</source>
        <translation>exp_range：高度 × γ^t</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="138"/>
        <source>length of the cycle, T</source>
        <translation>周期长度 T</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="139"/>
        <source>fraction of T spent rising</source>
        <translation>T 中用于上升的比例</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="140"/>
        <source>initial lr = max_lr / div_factor</source>
        <translation>初始学习率 = max_lr / div_factor</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="141"/>
        <source>final lr = initial lr / final_div_factor</source>
        <translation>最终学习率 = 初始学习率 / final_div_factor</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="142"/>
        <source>rise, fall back symmetrically, then annihilate</source>
        <translation>先上升，再对称回落，最后降到极小</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="143"/>
        <source>η ← η · factor</source>
        <translation>η ← η · factor</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="144"/>
        <source>steps without improvement tolerated</source>
        <translation>容忍没有改善的步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="145"/>
        <source>how much lower counts as better</source>
        <translation>降低多少才算改善</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="146"/>
        <source>steps to wait after a reduction</source>
        <translation>降低学习率后的等待步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="147"/>
        <source>lower bound</source>
        <translation>下限</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="148"/>
        <source>steps of linear warm-up, 0 for none</source>
        <translation>线性预热的步数，0 表示不预热</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="149"/>
        <source>first lr as a fraction of the schedule&apos;s</source>
        <translation>第一步学习率占调度学习率的比例</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="150"/>
        <source>stop a run when the gradient norm falls below this</source>
        <translation>梯度范数低于此值时停止运行</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="151"/>
        <source>stop after this many steps without loss improvement (0 = never)</source>
        <translation>损失连续这么多步没有改善就停止（0 = 从不）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="152"/>
        <source>smallest loss decrease that counts as improvement</source>
        <translation>算作改善的最小损失下降量</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="153"/>
        <source>neurons per layer</source>
        <translation>每层的神经元数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="154"/>
        <source>He √(2/n) or Xavier √(1/n)</source>
        <translation>He √(2/n) 或 Xavier √(1/n)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="155"/>
        <source>adds ½·λ·ΣW² to the loss</source>
        <translation>在损失上加 ½·λ·ΣW²</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="156"/>
        <source>samples per update; null: all</source>
        <translation>每次更新的样本数；null：全部</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="157"/>
        <source>updates per optimizer</source>
        <translation>每个优化器的更新次数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="158"/>
        <source>if set, replaces iterations</source>
        <translation>若设置，则代替 iterations</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="159"/>
        <source>test accuracy every n iterations</source>
        <translation>每 n 次迭代计算一次测试准确率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="160"/>
        <source>initial weights and batch order</source>
        <translation>初始权重和批次顺序</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="161"/>
        <source>part of the training set held out for early stopping</source>
        <translation>训练集中留出用于早停的比例</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="162"/>
        <source>stop after this many evaluations without a lower validation loss</source>
        <translation>验证损失连续这么多次评估没有降低就停止</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/schedules_view.py" line="34"/>
        <source>the optimizer&apos;s lr</source>
        <translation>该优化器的学习率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/schedules_view.py" line="35"/>
        <source>steps shown</source>
        <translation>显示的步数</translation>
    </message>
</context>
<context>
    <name>LandscapePanel</name>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="191"/>
        <source>Compute loss landscape</source>
        <translation>计算损失地形</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="193"/>
        <source>The loss on a plane through weight space, computed by the helper process</source>
        <translation>权重空间中一个平面上的损失，由辅助进程计算</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="195"/>
        <source>PCA of the paths</source>
        <translation>路径的主成分 (PCA)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="196"/>
        <source>Filter-normalised random</source>
        <translation>按滤波器归一化的随机方向</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="199"/>
        <source>PCA: the two directions the paths spread along most (Li et al., 2018).
Random: Gaussian directions scaled filter by filter to the weights; the paths are nearly orthogonal to them.</source>
        <translation>PCA：路径散布最大的两个方向（Li 等，2018）。
随机：逐个滤波器按权重缩放的高斯方向；路径几乎与它们正交。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="204"/>
        <source>Grid points: each one is a pass over the images</source>
        <translation>网格点数：每个点都要遍历一次图像</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="205"/>
        <source>Whose final weights are the centre (0, 0)</source>
        <translation>以哪个优化器的最终权重作为中心 (0, 0)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="206"/>
        <source>Directions</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="207"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="208"/>
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="209"/>
        <source>row %v of %m</source>
        <translation>第 %v 行，共 %m 行</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="210"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="249"/>
        <source>Compute the loss around the chosen optimizer&apos;s weights.</source>
        <translation>计算所选优化器权重附近的损失。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="253"/>
        <source>Pause or finish a race to compute the loss around its weights.</source>
        <translation>暂停或跑完一场比赛后，才能计算其权重附近的损失。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="264"/>
        <source>Computing the loss landscape…</source>
        <translation>正在计算损失地形…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="283"/>
        <source>Loss on {examples} training images at {n} × {n} points around {name}&apos;s weights (0, 0), in {seconds} s. The plane holds {share} % of the paths&apos; spread.</source>
        <translation>在 {name} 的权重 (0, 0) 周围 {n} × {n} 个点上计算 {examples} 张训练图像的损失，用时 {seconds} 秒。该平面包含路径散布的 {share}%。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="288"/>
        <source>Loss on {examples} training images at {n} × {n} points around {name}&apos;s weights (0, 0), in {seconds} s. Random directions are nearly orthogonal to the paths: they project close to (0, 0).</source>
        <translation>在 {name} 的权重 (0, 0) 周围 {n} × {n} 个点上计算 {examples} 张训练图像的损失，用时 {seconds} 秒。随机方向与路径几乎正交：路径的投影都靠近 (0, 0)。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="305"/>
        <source>{name} (centre)</source>
        <translation>{name}（中心）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="307"/>
        <source>{name} (diverged)</source>
        <translation>{name}（已发散）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="311"/>
        <source>○ shared start, ● each one&apos;s final weights</source>
        <translation>○ 共同起点，● 各自的最终权重</translation>
    </message>
</context>
<context>
    <name>LandscapeView</name>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="64"/>
        <source>direction 1</source>
        <translation>方向 1</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="64"/>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="72"/>
        <location filename="../../optviz/ui/landscape_view.py" line="82"/>
        <source>log₁₀ loss</source>
        <translation>log₁₀ 损失</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="68"/>
        <source>PC1 ({share} %)</source>
        <translation>PC1（{share}%）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="69"/>
        <source>PC2 ({share} %)</source>
        <translation>PC2（{share}%）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/landscape_view.py" line="92"/>
        <source>{name} (centre)</source>
        <translation>{name}（中心）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../optviz/ui/main_window.py" line="90"/>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window.py" line="97"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window.py" line="99"/>
        <source>Concepts</source>
        <translation>概念</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window.py" line="124"/>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window.py" line="144"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_race.py" line="148"/>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_race.py" line="72"/>
        <source>Fix the surface settings (see the message in the panel).</source>
        <translation>请修正曲面设置（见面板中的提示）。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_race.py" line="76"/>
        <source>Fix the highlighted optimizer settings.</source>
        <translation>请修正突出显示的优化器设置。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_race.py" line="80"/>
        <source>Enable at least one optimizer.</source>
        <translation>请至少启用一个优化器。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="167"/>
        <source>Image copied to the clipboard</source>
        <translation>图像已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_tabs.py" line="145"/>
        <source>Schedule {name} applied to optimizer {index}</source>
        <translation>已将学习率调度 {name} 应用到优化器 {index}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_race.py" line="204"/>
        <source>{runs} runs × {steps} steps in {ms} ms</source>
        <translation>{runs} 条轨迹 × {steps} 步，用时 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_race.py" line="208"/>
        <source>{message} — diverged: {labels}</source>
        <translation>{message} — 发散：{labels}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="47"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="53"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="55"/>
        <source>&amp;Copy image</source>
        <translation>复制图像(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="68"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="69"/>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="74"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="76"/>
        <source>&amp;Log colour scale</source>
        <translation>对数色标(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="80"/>
        <source>&amp;Contour lines</source>
        <translation>等高线(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="87"/>
        <source>&amp;Gradient field</source>
        <translation>梯度场(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="91"/>
        <source>Reset &amp;zoom</source>
        <translation>重置缩放(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="104"/>
        <source>P&amp;layback</source>
        <translation>播放(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="107"/>
        <source>Play / pause	Space</source>
        <translation>播放 / 暂停	Space</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="108"/>
        <source>Step forward	→</source>
        <translation>前进一步	→</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="109"/>
        <source>Step back	←</source>
        <translation>后退一步	←</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="110"/>
        <source>First step	Home</source>
        <translation>第一步	Home</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="111"/>
        <source>Last step	End</source>
        <translation>最后一步	End</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="112"/>
        <source>Reset	R</source>
        <translation>重置	R</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="115"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="117"/>
        <source>&amp;About optviz</source>
        <translation>关于 optviz(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="120"/>
        <source>About optviz</source>
        <translation>关于 optviz</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="147"/>
        <source>The language has been switched.</source>
        <translation>界面语言已切换。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_race.py" line="153"/>
        <source>w (slope)</source>
        <translation>w（斜率）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_race.py" line="153"/>
        <source>b (intercept)</source>
        <translation>b（截距）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="59"/>
        <source>Copy as &amp;PyTorch code</source>
        <translation>复制为 PyTorch 代码(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="64"/>
        <source>Copy as &amp;Keras code</source>
        <translation>复制为 Keras 代码(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="132"/>
        <source>PyTorch code copied to the clipboard</source>
        <translation>PyTorch 代码已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="137"/>
        <source>Keras code copied to the clipboard</source>
        <translation>Keras 代码已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/main_window_menus.py" line="96"/>
        <source>La&amp;nguage</source>
        <translation>语言(&amp;N)</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../../optviz/ui/concepts/backprop_view.py" line="109"/>
        <source>target {value}</source>
        <translation>目标 {value}</translation>
    </message>
</context>
<context>
    <name>OptimizerCard</name>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="64"/>
        <source>textbook</source>
        <translation>教材</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="65"/>
        <source>lecture</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="190"/>
        <source>Show all settings</source>
        <translation>显示全部设置</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="191"/>
        <source>Race this optimizer</source>
        <translation>让这个优化器参与比较</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="192"/>
        <source>Label in the legend</source>
        <translation>图例中的标签</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="193"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="194"/>
        <source>Remove this optimizer</source>
        <translation>移除这个优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="195"/>
        <source>Whose update rule and keyword names to use</source>
        <translation>采用哪一方的更新规则和参数名</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="201"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="202"/>
        <source>Add a copy of this optimizer</source>
        <translation>添加这个优化器的副本</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="203"/>
        <source>Flavour</source>
        <translation>风格</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_card.py" line="204"/>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
</context>
<context>
    <name>OptimizerList</name>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_list.py" line="83"/>
        <source>+  Add optimizer</source>
        <translation>+  添加优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_list.py" line="84"/>
        <source>Add the next classic optimizer in an unused colour</source>
        <translation>用一种未使用的颜色添加下一个经典优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/optimizer_list.py" line="156"/>
        <source>{label} copy</source>
        <translation>{label} 副本</translation>
    </message>
</context>
<context>
    <name>Optimizers</name>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="45"/>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="46"/>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="47"/>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="48"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="49"/>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="50"/>
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="51"/>
        <source>RAdam</source>
        <translation>RAdam</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="52"/>
        <source>Adadelta</source>
        <translation>Adadelta</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="53"/>
        <source>Adamax</source>
        <translation>Adamax</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="54"/>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="55"/>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="56"/>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="57"/>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="79"/>
        <source>Back to the start (Home)</source>
        <translation>回到开头 (Home)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="80"/>
        <source>One step back (←)</source>
        <translation>后退一步 (←)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="81"/>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停 (Space)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="82"/>
        <source>One step forward (→)</source>
        <translation>前进一步 (→)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="83"/>
        <source>Timeline: drag to any step</source>
        <translation>时间轴：拖动到任意一步</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="163"/>
        <source>step {step} / {steps}</source>
        <translation>第 {step} / {steps} 步</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="84"/>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="86"/>
        <source>{n} steps/s</source>
        <translation>{n} 步/秒</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="87"/>
        <source>trail</source>
        <translation>轨迹长度</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="88"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/playback.py" line="89"/>
        <source>Show only the last N steps of each path (all: whole path)</source>
        <translation>每条路径只显示最近 N 步（全部：整条路径）</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <location filename="../../optviz/ui/presentation.py" line="153"/>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/presentation.py" line="154"/>
        <source>&amp;Dark theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/presentation.py" line="155"/>
        <source>Show p&amp;anel</source>
        <translation>显示面板(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/presentation.py" line="156"/>
        <source>Show or hide the experiment panel (Ctrl+B)</source>
        <translation>显示或隐藏实验面板 (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/presentation.py" line="157"/>
        <source>Keyboard &amp;shortcuts</source>
        <translation>键盘快捷键(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/presentation.py" line="158"/>
        <source>Presentation</source>
        <translation>演示</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/shortcut_sheet.py" line="68"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/shortcut_sheet.py" line="73"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/shortcut_sheet.py" line="74"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/shortcut_sheet.py" line="75"/>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <location filename="../../optviz/ui/i18n.py" line="96"/>
        <source>Ravine: SGD zig-zags, Momentum overshoots, adaptive methods rescale</source>
        <translation>峡谷：SGD 来回震荡，动量法冲过头，自适应方法按坐标轴缩放</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/i18n.py" line="100"/>
        <source>The textbook figure: x²/20 + y² from (−7, 2), 30 iterations</source>
        <translation>教材插图：x²/20 + y²，起点 (−7, 2)，迭代 30 次</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/i18n.py" line="104"/>
        <source>Saddle escape: plain GD on the ridge is stuck; noise and momentum escape</source>
        <translation>逃离鞍点：脊线上的普通梯度下降停滞不前，噪声和动量可以逃离</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/i18n.py" line="108"/>
        <source>Local vs global minimum: who gets trapped in the shallow basin?</source>
        <translation>局部最小值与全局最小值：谁会困在浅的盆地里？</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/i18n.py" line="112"/>
        <source>Plateau: tiny gradients; adaptive methods cross it faster</source>
        <translation>平台区：梯度极小，自适应方法穿越得更快</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/i18n.py" line="116"/>
        <source>Rosenbrock valley: finding the valley is easy, following it is hard</source>
        <translation>Rosenbrock 山谷：找到谷底容易，沿着谷底前进难</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/i18n.py" line="120"/>
        <source>Batch vs mini-batch vs stochastic gradient descent on linear regression</source>
        <translation>线性回归上的批量、小批量与随机梯度下降</translation>
    </message>
</context>
<context>
    <name>RaceView</name>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="42"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="43"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="44"/>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="45"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="46"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="127"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="128"/>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="130"/>
        <source>Iterations per second (all optimizers take one step each)</source>
        <translation>每秒迭代次数（每次迭代中所有优化器各更新一步）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="132"/>
        <source>Whose weights and predictions to show</source>
        <translation>显示哪个优化器的网络权重和预测</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="133"/>
        <source>Network of</source>
        <translation>查看网络</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="252"/>
        <source>Finished {total} iterations in {seconds} s</source>
        <translation>已完成 {total} 次迭代，用时 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="259"/>
        <source>Stopped at iteration {iteration} in {seconds} s</source>
        <translation>在第 {iteration} 次迭代时停止，用时 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="270"/>
        <source>Not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="272"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="302"/>
        <source>{name} diverged at iteration {iteration}: its loss stopped being a finite number (try a smaller learning rate).</source>
        <translation>{name} 在第 {iteration} 次迭代时发散：损失不再是有限数（请尝试更小的学习率）。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="325"/>
        <source>{rate} steps/s</source>
        <translation>{rate} 步/秒</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="343"/>
        <source>{state} · iteration {iteration} / {total} · epoch {epoch} · {images} training images</source>
        <translation>{state} · 迭代 {iteration} / {total} · 轮次 {epoch} · {images} 张训练图像</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="367"/>
        <source>{drawn} of {units}</source>
        <translation>{units} 个中的 {drawn} 个</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="371"/>
        <source>{name}: first-layer weights ({count} × {side})</source>
        <translation>{name}：第一层权重（{count} × {side}）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_race_view.py" line="375"/>
        <source>Test images, {name}&apos;s predictions</source>
        <translation>测试图像及 {name} 的预测</translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="182"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="182"/>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="182"/>
        <source>Best acc.</source>
        <translation>最佳准确率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="183"/>
        <source>Seconds</source>
        <translation>用时/秒</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="183"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="187"/>
        <source>Mean mini-batch loss of the last {n} iterations</source>
        <translation>最后 {n} 次迭代的小批量损失的平均值</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="189"/>
        <source>Highest test accuracy of the evaluations</source>
        <translation>各次评估中最高的测试准确率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="191"/>
        <source>Time spent in this optimizer&apos;s forward, backward and update passes</source>
        <translation>该优化器在前向传播、反向传播和参数更新上所用的时间</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="260"/>
        <source>∞ (diverged)</source>
        <translation>∞（已发散）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="263"/>
        <source>at iteration {iteration}</source>
        <translation>在第 {iteration} 次迭代时</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="266"/>
        <source>running</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="267"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="268"/>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="269"/>
        <source>early stopped</source>
        <translation>已早停</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="270"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="273"/>
        <source>{status} at {iteration}</source>
        <translation>{status}（第 {iteration} 次迭代）</translation>
    </message>
</context>
<context>
    <name>SampleStrip</name>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="84"/>
        <location filename="../../optviz/ui/training_race_view.py" line="140"/>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="109"/>
        <source>true class: {name}</source>
        <translation>真实类别：{name}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="126"/>
        <source>pred {name}</source>
        <translation>预测 {name}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="134"/>
        <source>predicted {predicted}, true {true}</source>
        <translation>预测为 {predicted}，真实为 {true}</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <location filename="../../optviz/ui/panels/schedule_editor.py" line="38"/>
        <source>torch, keras: no scheduler</source>
        <translation>torch、keras：不需要调度器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/schedule_editor.py" line="240"/>
        <source>η {first} → {last}{peak} over {steps} steps</source>
        <translation>η {first} → {last}{peak}，共 {steps} 步</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/schedule_editor.py" line="239"/>
        <source> (peak {peak})</source>
        <translation>（峰值 {peak}）</translation>
    </message>
</context>
<context>
    <name>Schedules</name>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="58"/>
        <source>Constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="59"/>
        <source>η_t = η₀</source>
        <translation>η_t = η₀</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="60"/>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="61"/>
        <source>η_t = η₀ · γ^⌊t / step_size⌋</source>
        <translation>η_t = η₀ · γ^⌊t / step_size⌋</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="62"/>
        <source>Multi-step decay</source>
        <translation>多阶梯衰减</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="63"/>
        <source>η_t = η₀ · γ^(number of milestones ≤ t)</source>
        <translation>η_t = η₀ · γ^（不超过 t 的 milestones 个数）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="64"/>
        <source>Exponential decay</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="65"/>
        <source>η_t = η₀ · rate^(t / decay_steps)   (⌊t / decay_steps⌋ if staircase)</source>
        <translation>η_t = η₀ · decay_rate^(t / decay_steps)   （staircase 时为 ⌊t / decay_steps⌋）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="66"/>
        <source>Inverse-time decay</source>
        <translation>逆时衰减</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="67"/>
        <source>η_t = η₀ / (1 + rate · t / decay_steps)   (⌊t / decay_steps⌋ if staircase)</source>
        <translation>η_t = η₀ / (1 + decay_rate · t / decay_steps)   （staircase 时为 ⌊t / decay_steps⌋）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="68"/>
        <source>Piecewise constant</source>
        <translation>分段常数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="69"/>
        <source>η_t = values[i] for boundaries[i−1] &lt; t ≤ boundaries[i] (values[0] for t ≤ b₀)</source>
        <translation>当 boundaries[i−1] &lt; t ≤ boundaries[i] 时 η_t = values[i]（t ≤ b₀ 时为 values[0]）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="70"/>
        <source>Polynomial decay</source>
        <translation>多项式衰减</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="71"/>
        <source>η_t = (η₀ − η_end)(1 − min(t, T) / T)^power + η_end,  T = decay_steps</source>
        <translation>η_t = (η₀ − η_end)(1 − min(t, T) / T)^power + η_end,  T = decay_steps</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="72"/>
        <source>Cosine annealing</source>
        <translation>余弦退火</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="73"/>
        <source>η_t = η_min + ½(η₀ − η_min)(1 + cos(π t / T_max))</source>
        <translation>η_t = η_min + ½(η₀ − η_min)(1 + cos(π t / T_max))</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="74"/>
        <source>Cosine with warm restarts</source>
        <translation>带热重启的余弦退火</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="75"/>
        <source>η_t = η_min + ½(η₀ − η_min)(1 + cos(π T_cur / T_i)),  T_i = T_0 · T_mult^i</source>
        <translation>η_t = η_min + ½(η₀ − η_min)(1 + cos(π T_cur / T_i)),  T_i = T_0 · T_mult^i</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="76"/>
        <source>Cyclical (CLR)</source>
        <translation>循环学习率 (CLR)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="77"/>
        <source>η_t = η₀ + (η_max − η₀) · x_t · scale,  x_t: 0 → 1 → 0 over step_size_up + down</source>
        <translation>η_t = η₀ + (η_max − η₀) · x_t · scale_fn,  x_t 在 step_size_up + step_size_down 步内 0 → 1 → 0</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="78"/>
        <source>One-cycle</source>
        <translation>单周期</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="79"/>
        <source>η: η_max/div → η_max over pct_start·T steps, then → η_max/(div·final_div) at T</source>
        <translation>η：在 pct_start·T 步内 η_max/div → η_max，之后到 T 步时 → η_max/(div·final_div)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="80"/>
        <source>Reduce on plateau</source>
        <translation>平台期降低学习率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="81"/>
        <source>η ← max(η · factor, min_lr) after more than `patience` steps without improvement</source>
        <translation>连续超过 patience 步没有改善时 η ← max(η · factor, min_lr)</translation>
    </message>
</context>
<context>
    <name>SchedulesView</name>
    <message>
        <location filename="../../optviz/ui/concepts/schedules_view.py" line="137"/>
        <source>step t (updates taken)</source>
        <translation>第 t 步（已执行的更新次数）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/schedules_view.py" line="137"/>
        <source>learning rate ηₜ</source>
        <translation>学习率 ηₜ</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/schedules_view.py" line="143"/>
        <source>Parameters of the selected schedule</source>
        <translation>所选调度的参数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/schedules_view.py" line="144"/>
        <source>logarithmic η axis</source>
        <translation>η 轴用对数刻度</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/schedules_view.py" line="145"/>
        <source>Apply to selected optimizer</source>
        <translation>应用到所选优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/schedules_view.py" line="147"/>
        <source>use this schedule for the optimizer selected in the list</source>
        <translation>让列表中选中的优化器使用这个学习率调度</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/schedules_view.py" line="255"/>
        <source>From η₀ = {lr} over {steps} steps</source>
        <translation>从 η₀ = {lr} 开始，共 {steps} 步</translation>
    </message>
</context>
<context>
    <name>SidePlots</name>
    <message>
        <location filename="../../optviz/ui/side_plots.py" line="120"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/side_plots.py" line="120"/>
        <source>loss − f_min</source>
        <translation>损失 − f_min</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/side_plots.py" line="123"/>
        <source>distance to minimum</source>
        <translation>到最小值的距离</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/side_plots.py" line="124"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/side_plots.py" line="127"/>
        <source>step</source>
        <translation>步</translation>
    </message>
</context>
<context>
    <name>Surface3DView</name>
    <message>
        <location filename="../../optviz/ui/opengl_probe.py" line="22"/>
        <source>the Qt platform &apos;{platform}&apos; has no OpenGL</source>
        <translation>Qt 平台“{platform}”不提供 OpenGL</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/opengl_probe.py" line="28"/>
        <source>the PyOpenGL package is not installed</source>
        <translation>未安装 PyOpenGL 包</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/opengl_probe.py" line="30"/>
        <source>PyOpenGL could not load: {error}</source>
        <translation>PyOpenGL 无法加载：{error}</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/opengl_probe.py" line="33"/>
        <source>no OpenGL context could be created</source>
        <translation>无法创建 OpenGL 上下文</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/opengl_probe.py" line="39"/>
        <source>no OpenGL surface could be created</source>
        <translation>无法创建 OpenGL 绘图表面</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/opengl_probe.py" line="41"/>
        <source>the OpenGL context could not be made current</source>
        <translation>无法激活 OpenGL 上下文</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/opengl_probe.py" line="47"/>
        <source>OpenGL {version} found, 2.1 needed</source>
        <translation>找到的是 OpenGL {version}，需要 2.1</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/surface_3d.py" line="69"/>
        <source>3D view needs OpenGL, which is not available here ({reason}). The 2D view shows the same runs.</source>
        <translation>3D 视图需要 OpenGL，但此处不可用（{reason}）。2D 视图显示的是同样的轨迹。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/surface_3d.py" line="65"/>
        <source>the 3D scene could not start: {error}</source>
        <translation>3D 场景无法启动：{error}</translation>
    </message>
</context>
<context>
    <name>SurfacePanel</name>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="110"/>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="114"/>
        <source>Custom expression…</source>
        <translation>自定义表达式…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="119"/>
        <source>e.g. sin(x)*cos(y) + 0.1*x**2</source>
        <translation>例如 sin(x)*cos(y) + 0.1*x**2</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="122"/>
        <source>An expression in x and y: numbers, + − * / **, and functions such as sin, cos, exp, log, sqrt, abs, tanh</source>
        <translation>关于 x 和 y 的表达式：数字、+ − * / **，以及 sin、cos、exp、log、sqrt、abs、tanh 等函数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="126"/>
        <source>start (x, y)</source>
        <translation>起点 (x, y)</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="127"/>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="128"/>
        <source>noise σ</source>
        <translation>噪声 σ</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="129"/>
        <source>σ of Gaussian noise added to every gradient (seeded)</source>
        <translation>加到每个梯度上的高斯噪声的 σ（由随机种子决定）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="130"/>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="132"/>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="133"/>
        <source>Mini-batch size for data surfaces (full batch: all points)</source>
        <translation>数据曲面的小批量大小（全批量：全部数据点）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="131"/>
        <source>batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/panels/surface_panel.py" line="250"/>
        <source>Type an expression in x and y.</source>
        <translation>请输入关于 x 和 y 的表达式。</translation>
    </message>
</context>
<context>
    <name>SurfaceView</name>
    <message>
        <location filename="../../optviz/ui/surface_view_runs.py" line="129"/>
        <source>  ✕ diverged @ {step}</source>
        <translation>  ✕ 第 {step} 步发散</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/surface_view_runs.py" line="131"/>
        <source>  ■ stopped @ {step}</source>
        <translation>  ■ 第 {step} 步停止</translation>
    </message>
</context>
<context>
    <name>Surfaces</name>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="9"/>
        <source>Quadratic ravine</source>
        <translation>二次峡谷</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="10"/>
        <source>The textbook ravine: 20 times steeper across than along, so plain gradient descent zig-zags while momentum and Adam run down the floor.</source>
        <translation>教材中的峡谷：横向比纵向陡 20 倍，因此普通梯度下降来回震荡，而动量法和 Adam 沿着谷底前进。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="11"/>
        <source>Round bowl</source>
        <translation>圆碗</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="12"/>
        <source>A perfectly round bowl: every method heads straight for the centre; a learning rate above 1/s makes plain gradient descent diverge.</source>
        <translation>一个完美的圆碗：每种方法都直奔中心；学习率大于 1/s 时普通梯度下降会发散。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="13"/>
        <source>Rotated ill-conditioned quadratic</source>
        <translation>旋转的病态二次函数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="14"/>
        <source>A quadratic whose curvatures differ by the condition number κ, with axes turned by θ so that no coordinate lines up with the valley: per-coordinate methods lose their edge.</source>
        <translation>两个方向的曲率相差条件数 κ 倍，坐标轴又旋转了 θ，没有哪个坐标与山谷对齐：按坐标自适应的方法失去优势。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="15"/>
        <source>Saddle</source>
        <translation>鞍面</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="16"/>
        <source>A saddle point at the origin: started exactly on the ridge y = 0, gradient descent walks into the saddle and stays there; any noise or a tiny offset lets it escape.</source>
        <translation>原点处有一个鞍点：恰好从脊线 y = 0 出发时，梯度下降会走进鞍点并停在那里；任何噪声或微小偏移都能让它逃离。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="17"/>
        <source>Monkey saddle</source>
        <translation>猴鞍面</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="18"/>
        <source>A flat, degenerate saddle with three downhill valleys: the gradient fades like r², so descent stalls near the origin long before it escapes.</source>
        <translation>一个平坦的退化鞍点，有三条下坡的山谷：梯度像 r² 一样衰减，因此下降在原点附近停滞很久才能逃离。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="19"/>
        <source>Rosenbrock valley</source>
        <translation>Rosenbrock 山谷</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="20"/>
        <source>A long curved valley with a flat floor: easy to reach, slow to follow to the minimum at (a, a²).</source>
        <translation>一条谷底平坦的狭长弯曲山谷：进入容易，沿着它走到 (a, a²) 处的最小值却很慢。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="21"/>
        <source>Beale</source>
        <translation>Beale</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="22"/>
        <source>Flat arms and steep walls around a narrow valley to the minimum at (3, 0.5); values span many orders of magnitude.</source>
        <translation>平坦的臂和陡峭的壁围着一条通向 (3, 0.5) 处最小值的窄谷；函数值跨越多个数量级。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="23"/>
        <source>Himmelblau</source>
        <translation>Himmelblau</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="24"/>
        <source>Four equally deep minima: where you start decides which one you reach.</source>
        <translation>四个同样深的最小值：从哪里出发决定到达哪一个。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="25"/>
        <source>Booth</source>
        <translation>Booth</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="26"/>
        <source>A tilted quadratic bowl (condition number 9) with its minimum at (1, 3).</source>
        <translation>一个倾斜的二次碗（条件数 9），最小值位于 (1, 3)。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="27"/>
        <source>Matyas</source>
        <translation>Matyas</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="28"/>
        <source>A flat diagonal valley (condition number 25) along which plain descent crawls.</source>
        <translation>一条平坦的对角山谷（条件数 25），普通梯度下降沿着它缓慢爬行。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="29"/>
        <source>Six-hump camel</source>
        <translation>六峰驼背函数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="30"/>
        <source>Six minima, two of them global, with saddles between: a test of getting trapped.</source>
        <translation>六个最小值，其中两个是全局最小值，之间隔着鞍点：考验是否会被困住。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="31"/>
        <source>Rastrigin</source>
        <translation>Rastrigin</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="32"/>
        <source>An egg crate of local minima on top of a bowl: plain gradient descent stops in the nearest dimple.</source>
        <translation>碗面上布满蛋托一样的局部最小值：普通梯度下降停在最近的小凹坑里。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="33"/>
        <source>Ackley</source>
        <translation>Ackley</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="34"/>
        <source>A nearly flat, dimpled outer region around one deep funnel at the origin, where the gradient jumps (a kink).</source>
        <translation>近乎平坦、布满小凹坑的外围包着原点处一个深漏斗，那里的梯度会突变（一个尖点）。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="35"/>
        <source>Styblinski–Tang</source>
        <translation>Styblinski–Tang</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="36"/>
        <source>Four minima at the corners of a square, only one of them global, separated by gentle saddles.</source>
        <translation>四个最小值位于正方形的四角，只有一个是全局最小值，彼此隔着平缓的鞍点。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="37"/>
        <source>Goldstein–Price</source>
        <translation>Goldstein–Price</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="38"/>
        <source>Values from 3 to a million with several local minima: step sizes must adapt to the scale.</source>
        <translation>函数值从 3 到一百万，有多个局部最小值：步长必须适应尺度。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="39"/>
        <source>Plateau with a well</source>
        <translation>带井的平台</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="40"/>
        <source>A wide plateau around a single round well: at the start the gradient is about 1e-4, so plain gradient descent barely moves while Adam walks off the edge.</source>
        <translation>一片宽阔的平台包围着一口圆井：起点处的梯度约为 1e-4，因此普通梯度下降几乎不动，而 Adam 能走出平台边缘。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="41"/>
        <source>Two basins</source>
        <translation>双盆地</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="42"/>
        <source>A shallow local minimum beside a deeper global one: plain descent stays in the nearer basin, momentum can roll over the saddle into the deeper one.</source>
        <translation>一个浅的局部最小值旁边有一个更深的全局最小值：普通梯度下降停在较近的盆地里，动量法可以越过鞍点滚进更深的那个。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="43"/>
        <source>Linear regression (MSE)</source>
        <translation>线性回归（MSE）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/engine_texts.py" line="44"/>
        <source>A real loss: mean-squared error of a line fitted to noisy points; mini-batches make the gradient noisy, and features far from zero make the valley narrow.</source>
        <translation>一个真实的损失：用直线拟合带噪声数据点的均方误差；小批量让梯度带有噪声，远离零的特征让山谷变窄。</translation>
    </message>
</context>
<context>
    <name>SweepView</name>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="296"/>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="304"/>
        <source>learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="296"/>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="301"/>
        <source>final loss − f*</source>
        <translation>最终损失 − f*</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="310"/>
        <source>Click a point to use that learning rate in the race.</source>
        <translation>点击一个点，在比赛中使用该学习率。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="137"/>
        <source>Surface and start</source>
        <translation>曲面与起点</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="140"/>
        <source>start x, y</source>
        <translation>起点 x, y</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="141"/>
        <source>Optimizers (their other settings as in the race):</source>
        <translation>优化器（其他设置与比赛中相同）：</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="221"/>
        <source>Tick at least one optimizer.</source>
        <translation>请至少勾选一个优化器。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="223"/>
        <source>η min must be smaller than η max.</source>
        <translation>η min 必须小于 η max。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="253"/>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="299"/>
        <source>steps until loss − f* ≤ {tol}</source>
        <translation>直到 损失 − f* ≤ {tol} 所需的步数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="303"/>
        <source>final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="315"/>
        <source>{optimizer} from η = {lr}</source>
        <translation>{optimizer} 从 η = {lr} 起</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="322"/>
        <source>Dashed lines: where runs start to diverge ({edges}).</source>
        <translation>虚线：开始发散的学习率（{edges}）。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="323"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="325"/>
        <source>No optimizer diverged at these learning rates.</source>
        <translation>在这些学习率下没有优化器发散。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="333"/>
        <source>{surface}&lt;br&gt;from ({x}, {y}), {steps} steps</source>
        <translation>{surface}&lt;br&gt;起点 ({x}, {y})，{steps} 步</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/concepts/sweep_view.py" line="356"/>
        <source>{optimizer}: η = {lr} sent to the optimizer list.</source>
        <translation>{optimizer}：η = {lr} 已填入优化器列表。</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="51"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="52"/>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="53"/>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="54"/>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="55"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="56"/>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="57"/>
        <source>Test every</source>
        <translation>测试间隔</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="58"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="142"/>
        <source>none: a linear classifier</source>
        <translation>留空：线性分类器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="143"/>
        <source>Neurons per hidden layer, e.g. 100,100,100,100</source>
        <translation>每个隐藏层的神经元数，例如 100,100,100,100</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="144"/>
        <source>all (full batch)</source>
        <translation>全部（全批量）</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../../optviz/ui/training_plots.py" line="131"/>
        <source>iteration</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_plots.py" line="126"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_plots.py" line="126"/>
        <source>Test accuracy (%)</source>
        <translation>测试准确率（%）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_plots.py" line="126"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_plots.py" line="360"/>
        <source> (diverged)</source>
        <translation>（已发散）</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_plots.py" line="365"/>
        <source>, × diverged</source>
        <translation>，× 表示已发散</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_plots.py" line="369"/>
        <source>(faint: each batch, bold: smoothed{mark})</source>
        <translation>（浅色：每个批次，粗线：平滑后{mark}）</translation>
    </message>
</context>
<context>
    <name>TrainingRunner</name>
    <message>
        <location filename="../../optviz/ui/training_runner.py" line="248"/>
        <source>the training process stopped unexpectedly (exit code {code})</source>
        <translation>训练进程意外停止（退出代码 {code}）</translation>
    </message>
</context>
<context>
    <name>TrainingSettings</name>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="264"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="265"/>
        <source>Network and training</source>
        <translation>网络与训练</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="266"/>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="267"/>
        <source>▶  Start</source>
        <translation>▶  开始</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="268"/>
        <source>Train every enabled optimizer from the same weights</source>
        <translation>从相同的初始权重出发，训练每个已启用的优化器</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="269"/>
        <source>❚❚  Pause</source>
        <translation>❚❚  暂停</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="270"/>
        <source>▶  Resume</source>
        <translation>▶  继续</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_form.py" line="271"/>
        <source>■  Stop</source>
        <translation>■  停止</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <location filename="../../optviz/ui/training_tab.py" line="91"/>
        <source>Loss landscape cancelled.</source>
        <translation>损失地形计算已取消。</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/training_tab.py" line="203"/>
        <source>No loss landscape: {reason}</source>
        <translation>无法计算损失地形：{reason}</translation>
    </message>
</context>
<context>
    <name>WeightsView</name>
    <message>
        <location filename="../../optviz/ui/training_views.py" line="35"/>
        <location filename="../../optviz/ui/training_race_view.py" line="139"/>
        <source>First-layer weights</source>
        <translation>第一层权重</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../optviz/ui/worker.py" line="266"/>
        <source>the engine process stopped unexpectedly; the next change starts a new one</source>
        <translation>计算引擎进程意外停止；下次更改设置时会启动新的进程</translation>
    </message>
    <message>
        <location filename="../../optviz/ui/worker.py" line="269"/>
        <source>internal error: {kind}: {error}</source>
        <translation>内部错误：{kind}：{error}</translation>
    </message>
</context>
</TS>
