"""FerNet: a small residual CNN for 48x48 grayscale FER2013 faces.

Only ops that export cleanly to a tfjs graph model are used: 3x3 convs with padding 1 (= TF "SAME"
at stride 1), 1x1 projection convs, BatchNorm (folded into the convs at export), ReLU, 2x2 max-pooling
(stride 2, exact in both frameworks), global average pooling and one linear layer. Downsampling is
never done by strided convs, whose "SAME" padding differs between PyTorch and TensorFlow.
"""
import torch
from torch import nn
import torch.nn.functional as F

# Input normalisation lives in the network so the exported graph takes plain gray/255 values.
INPUT_MEAN = 0.5
INPUT_STD = 0.25

ARCHS = {
    # name: (stage widths, residual blocks per stage, 2x2 max-pool right after the stem)
    "T": ((32, 64, 128, 256), 1, True),
    "S": ((32, 64, 128, 256), 1, False),
    "M": ((48, 96, 192, 384), 1, False),
    "L": ((64, 128, 256, 512), 2, False),
}


class ConvBN(nn.Sequential):
    def __init__(self, cin, cout, k=3, relu=True):
        layers = [nn.Conv2d(cin, cout, k, padding=k // 2, bias=False), nn.BatchNorm2d(cout)]
        if relu:
            layers.append(nn.ReLU(inplace=True))
        super().__init__(*layers)


class ResBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = ConvBN(cin, cout)
        self.conv2 = ConvBN(cout, cout, relu=False)
        self.shortcut = ConvBN(cin, cout, k=1, relu=False) if cin != cout else None

    def forward(self, x):
        s = x if self.shortcut is None else self.shortcut(x)
        return F.relu(self.conv2(self.conv1(x)) + s)


class FerNet(nn.Module):
    def __init__(self, arch="S", num_classes=7, dropout=0.3):
        super().__init__()
        widths, blocks, stem_pool = ARCHS[arch]
        self.arch = arch
        self.stem = ConvBN(1, widths[0])
        # T pools right after the stem: the stages then run at a quarter of the pixels (4x fewer MACs).
        self.stem_pool = nn.MaxPool2d(2, 2) if stem_pool else None
        stages = []
        cin = widths[0]
        for i, w in enumerate(widths):
            layers = []
            for _ in range(blocks):
                layers.append(ResBlock(cin, w))
                cin = w
            if i < len(widths) - 1:
                layers.append(nn.MaxPool2d(2, 2))
            stages.append(nn.Sequential(*layers))
        self.stages = nn.Sequential(*stages)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(cin, num_classes)

    def forward(self, x):
        """x: [N,1,48,48] gray values in 0..1. Returns logits [N,7]."""
        x = (x - INPUT_MEAN) / INPUT_STD
        x = self.stem(x)
        if self.stem_pool is not None:
            x = self.stem_pool(x)
        x = self.stages(x)
        x = x.mean(dim=(2, 3))
        return self.fc(self.dropout(x))


def count_params(model):
    return sum(p.numel() for p in model.parameters())
