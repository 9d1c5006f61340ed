"""Train FerNet on FER2013; checkpoints every epoch and resumes, on CPU or CUDA.

    /usr/bin/python3 training/train.py --out training/runs/S --arch S --epochs 120

Rerunning the same command resumes from <out>/last.pt. Models are selected on PublicTest, as the
data README asks (PrivateTest is not provided).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fer_data import CLASSES, load_split  # noqa: E402
from model import FerNet, count_params  # noqa: E402

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "fer2013")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--train", default=os.path.join(SHARED, "fer2013-train.csv.gz"))
    p.add_argument("--val", default=os.path.join(SHARED, "fer2013-publictest.csv.gz"))
    p.add_argument("--cache", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache"))
    p.add_argument("--out", required=True)
    p.add_argument("--arch", default="S", choices=["T", "S", "M", "L"])
    p.add_argument("--epochs", type=int, default=120)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--wd", type=float, default=5e-4)
    p.add_argument("--dropout", type=float, default=0.3)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--label-smoothing", type=float, default=0.0)
    p.add_argument("--mix-prob", type=float, default=0.0, help="probability of mixup/cutmix per batch")
    p.add_argument("--erase-prob", type=float, default=0.0, help="random erasing probability per image")
    p.add_argument("--no-affine", action="store_true", help="disable rotation/scale/shift augmentation")
    p.add_argument("--init", default=None, help="start from this checkpoint's weights (e.g. to fine-tune with --teacher)")
    p.add_argument("--teacher", action="append", default=[], help="checkpoint(s) to distil from (logits averaged)")
    p.add_argument("--offline-kd", action="store_true", help="score the training rows with the teachers once (flip TTA, cached in --out) instead of on every augmented batch: about 2x faster epochs on CPU")
    p.add_argument("--kd-alpha", type=float, default=0.7)
    p.add_argument("--kd-temp", type=float, default=4.0)
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--max-minutes", type=float, default=0, help="stop cleanly (checkpoint saved) after this long")
    p.add_argument("--budget-minutes", type=float, default=0, help="shorten --epochs so the whole cosine schedule fits this long, judged by the first epoch's time")
    p.add_argument("--limit", type=int, default=0, help="use only the first N training and validation rows (smoke tests)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="auto")
    return p.parse_args(argv)


def augment(x, args, gen):
    """Batch augmentation on the training device. x: [N,1,48,48] float in 0..1."""
    n = x.shape[0]
    dev = x.device
    u = lambda lo, hi: torch.rand(n, device=dev, generator=gen) * (hi - lo) + lo  # noqa: E731
    flip = torch.where(torch.rand(n, device=dev, generator=gen) < 0.5, -1.0, 1.0)
    if args.no_affine:
        ang = torch.zeros(n, device=dev)
        scale = torch.ones(n, device=dev)
        tx = ty = torch.zeros(n, device=dev)
    else:
        ang = u(-15, 15) * math.pi / 180
        scale = u(0.85, 1.15)
        tx, ty = u(-0.1, 0.1), u(-0.1, 0.1)
    cos, sin = torch.cos(ang) / scale, torch.sin(ang) / scale
    theta = torch.stack(
        [torch.stack([cos * flip, -sin, tx], 1), torch.stack([sin * flip, cos, ty], 1)], 1
    )
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)
    if not args.no_affine:
        mean = x.mean(dim=(1, 2, 3), keepdim=True)
        x = ((x - mean) * u(0.7, 1.3).view(n, 1, 1, 1) + mean + u(-0.1, 0.1).view(n, 1, 1, 1)).clamp(0, 1)
    if args.erase_prob > 0:
        area = u(0.02, 0.2)
        ratio = torch.exp(u(math.log(0.3), math.log(3.3)))
        h = (torch.sqrt(area * ratio) * 48).clamp(1, 47)
        w = (torch.sqrt(area / ratio) * 48).clamp(1, 47)
        cy, cx = u(0, 48), u(0, 48)
        ys = torch.arange(48, device=dev).view(1, 48, 1)
        xs = torch.arange(48, device=dev).view(1, 1, 48)
        box = ((ys - cy.view(n, 1, 1)).abs() < h.view(n, 1, 1) / 2) & ((xs - cx.view(n, 1, 1)).abs() < w.view(n, 1, 1) / 2)
        box &= (torch.rand(n, device=dev, generator=gen) < args.erase_prob).view(n, 1, 1)
        fill = torch.rand(n, 1, 1, device=dev, generator=gen)
        x = torch.where(box.unsqueeze(1), fill.unsqueeze(1).expand_as(x), x)
    return x


def mix(x, y_soft, gen):
    """Mixup or CutMix (chosen 50/50) with lambda ~ Beta(1,1). Returns mixed inputs and targets."""
    n = x.shape[0]
    perm = torch.randperm(n, device=x.device, generator=gen)
    lam = float(torch.rand(1, generator=gen, device=x.device))
    if float(torch.rand(1, generator=gen, device=x.device)) < 0.5:
        x = lam * x + (1 - lam) * x[perm]
    else:
        cut = math.sqrt(1 - lam)
        h = w = int(48 * cut)
        cy, cx = np.random.randint(48), np.random.randint(48)
        y0, y1 = max(cy - h // 2, 0), min(cy + h // 2, 48)
        x0, x1 = max(cx - w // 2, 0), min(cx + w // 2, 48)
        x = x.clone()
        x[:, :, y0:y1, x0:x1] = x[perm][:, :, y0:y1, x0:x1]
        lam = 1 - (y1 - y0) * (x1 - x0) / (48 * 48)
    return x, lam * y_soft + (1 - lam) * y_soft[perm]


@torch.no_grad()
def predict(model, x_u8, device, batch=1024, tta=False, flip=False):
    """Softmax probabilities for uint8 images [N,48,48]: of the mirrored images with `flip`, of
    both averaged with `tta`."""
    model.eval()
    out = []
    for i in range(0, len(x_u8), batch):
        xb = torch.as_tensor(x_u8[i : i + batch], device=device).float().div_(255).unsqueeze(1)
        mirrored = torch.flip(xb, dims=[3]) if flip or tta else None
        p = F.softmax(model(mirrored if flip else xb).float(), 1)
        if tta:
            p = (p + F.softmax(model(mirrored).float(), 1)) / 2
        out.append(p.cpu())
    return torch.cat(out).numpy()


def load_model(path, device="cpu"):
    ck = torch.load(path, map_location=device)
    model = FerNet(ck["arch"], dropout=ck.get("dropout", 0.3)).to(device)
    model.load_state_dict(ck["ema"] if ck.get("ema") is not None and ck.get("best_is_ema", True) else ck["model"])
    return model, ck


def offline_teacher_logp(teachers, x_u8, device, out_dir):
    """Log of the teachers' mean flip-TTA probabilities for every training row, cached in out_dir
    so a resumed run does not score them again."""
    cache = os.path.join(out_dir, "teacher_logp.npy")
    if os.path.exists(cache):
        logp = np.load(cache)
        if len(logp) == len(x_u8):
            return logp
    t0 = time.time()
    probs = np.mean([predict(t, x_u8, device, batch=256, tta=True) for t in teachers], axis=0)
    logp = np.log(np.clip(probs, 1e-8, 1)).astype(np.float32)
    np.save(cache, logp)
    print(f"scored {len(x_u8)} training rows with {len(teachers)} teacher(s) in {time.time() - t0:.0f}s", flush=True)
    return logp


class Ema:
    """Exponential moving average of weights (BatchNorm buffers copied), evaluated alongside the model."""

    def __init__(self, model, decay):
        self.decay = decay
        self.model = FerNet(model.arch, dropout=model.dropout.p).to(next(model.parameters()).device)
        self.model.load_state_dict(model.state_dict())
        for p in self.model.parameters():
            p.requires_grad_(False)

    @torch.no_grad()
    def update(self, model):
        for e, m in zip(self.model.state_dict().values(), model.state_dict().values()):
            if e.dtype.is_floating_point:
                e.mul_(self.decay).add_(m.detach(), alpha=1 - self.decay)
            else:
                e.copy_(m)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    device = torch.device("cuda" if args.device == "auto" and torch.cuda.is_available() else (args.device if args.device != "auto" else "cpu"))
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)

    xtr, ytr = load_split(args.train, args.cache)
    xva, yva = load_split(args.val, args.cache)
    if args.limit:
        xtr, ytr = xtr[: args.limit], ytr[: args.limit]
        xva, yva = xva[: args.limit], yva[: args.limit]
    print(f"train {len(xtr)} rows, val {len(xva)} rows, device {device}", flush=True)
    xtr_t = torch.as_tensor(xtr, device=device)
    ytr_t = torch.as_tensor(ytr, device=device)

    model = FerNet(args.arch, dropout=args.dropout).to(device)
    # channels-last is faster on CUDA and, measured, about 25% faster per step on this CPU too.
    model = model.to(memory_format=torch.channels_last)
    if args.init:
        model.load_state_dict(load_model(args.init, device)[0].state_dict())
    ema = Ema(model, args.ema)
    print(f"FerNet-{args.arch}: {count_params(model):,} parameters", flush=True)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, nesterov=True, weight_decay=args.wd)
    steps_per_epoch = max(1, len(xtr) // args.batch)
    warm = args.warmup * steps_per_epoch

    def lr_at(step):
        total = args.epochs * steps_per_epoch
        if step < warm:
            return args.lr * (step + 1) / warm
        return 0.5 * args.lr * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))

    teachers = [load_model(t, device)[0] for t in args.teacher]
    for t in teachers:
        t.eval()
    teacher_logp = None
    if teachers and args.offline_kd:
        teacher_logp = torch.as_tensor(offline_teacher_logp(teachers, xtr, device, args.out), device=device)
        teachers = []

    start_epoch, best, history = 0, {"acc": 0.0}, []
    last = os.path.join(args.out, "last.pt")
    if os.path.exists(last):
        ck = torch.load(last, map_location=device)
        model.load_state_dict(ck["model"])
        ema.model.load_state_dict(ck["ema"])
        opt.load_state_dict(ck["opt"])
        start_epoch, best, history = ck["epoch"] + 1, ck["best"], ck["history"]
        args.epochs = ck.get("epochs", args.epochs)
        torch.set_rng_state(ck["rng_cpu"])
        print(f"resumed from {last} at epoch {start_epoch}", flush=True)

    gen = torch.Generator(device=device)
    gen.manual_seed(args.seed * 1000 + start_epoch)
    autocast = torch.autocast(device_type="cuda", dtype=torch.bfloat16) if device.type == "cuda" else torch.autocast(device_type="cpu", enabled=False)
    t_start = time.time()
    epoch = start_epoch
    while epoch < args.epochs:
        t0 = time.time()
        model.train()
        perm = torch.randperm(len(xtr_t), device=device, generator=gen)
        loss_sum, correct, seen = 0.0, 0, 0
        for i in range(steps_per_epoch):
            step = epoch * steps_per_epoch + i
            for g in opt.param_groups:
                g["lr"] = lr_at(step)
            idx = perm[i * args.batch : (i + 1) * args.batch]
            xb = xtr_t[idx].float().div_(255).unsqueeze(1)
            yb = ytr_t[idx]
            xb = augment(xb, args, gen)
            y_soft = F.one_hot(yb, 7).float()
            if args.label_smoothing:
                y_soft = y_soft * (1 - args.label_smoothing) + args.label_smoothing / 7
            if args.mix_prob and float(torch.rand(1, generator=gen, device=device)) < args.mix_prob:
                xb, y_soft = mix(xb, y_soft, gen)
            xb = xb.contiguous(memory_format=torch.channels_last)
            with autocast:
                logits = model(xb).float()
                loss = -(y_soft * F.log_softmax(logits, 1)).sum(1).mean()
                t_logits = None
                if teacher_logp is not None:
                    # The teachers' flip-TTA output on the unaugmented row: mirroring does not
                    # change it, and the geometric augmentation is mild enough to keep the label.
                    t_logits = teacher_logp[idx]
                elif teachers:
                    with torch.no_grad():
                        t_logits = torch.stack([t(xb).float() for t in teachers]).mean(0)
                if t_logits is not None:
                    T = args.kd_temp
                    kd = F.kl_div(F.log_softmax(logits / T, 1), F.softmax(t_logits / T, 1), reduction="batchmean") * T * T
                    loss = args.kd_alpha * kd + (1 - args.kd_alpha) * loss
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            ema.update(model)
            loss_sum += float(loss) * len(idx)
            correct += int((logits.argmax(1) == yb).sum())
            seen += len(idx)
        p = predict(model, xva, device)
        pe = predict(ema.model, xva, device)
        acc, acc_ema = float((p.argmax(1) == yva).mean()), float((pe.argmax(1) == yva).mean())
        use_ema = acc_ema >= acc
        pick = ema.model if use_ema else model
        # The unflipped half of flip TTA is the pass just made; only the mirrored one is new.
        p_tta = ((pe if use_ema else p) + predict(pick, xva, device, flip=True)) / 2
        acc_tta = float((p_tta.argmax(1) == yva).mean())
        rec = {
            "epoch": epoch, "loss": loss_sum / seen, "train_acc": correct / seen, "val_acc": acc,
            "val_acc_ema": acc_ema, "val_acc_tta": acc_tta, "lr": lr_at(step), "seconds": time.time() - t0,
        }
        history.append(rec)
        if args.budget_minutes and epoch == start_epoch == 0:
            fit = int(args.budget_minutes * 60 / rec["seconds"])
            if fit < args.epochs:
                args.epochs = max(fit, args.warmup + 1)
                print(f"budget {args.budget_minutes} min: schedule shortened to {args.epochs} epochs", flush=True)
        eta = (time.time() - t0) * (args.epochs - epoch - 1) / 60
        print(
            f"epoch {epoch + 1}/{args.epochs} loss {rec['loss']:.4f} train {rec['train_acc']:.4f} "
            f"val {acc:.4f} ema {acc_ema:.4f} tta {acc_tta:.4f} ({rec['seconds']:.1f}s, eta {eta:.1f} min)",
            flush=True,
        )
        state = {
            "arch": args.arch, "dropout": args.dropout, "args": vars(args), "classes": CLASSES,
            "model": model.state_dict(), "ema": ema.model.state_dict(),
        }
        if max(acc, acc_ema) > best["acc"]:
            best = {"acc": max(acc, acc_ema), "acc_tta": acc_tta, "epoch": epoch, "ema": use_ema}
            slim = {k: v for k, v in state.items() if k != "ema"}
            slim["model"] = pick.state_dict()
            torch.save({**slim, "best_is_ema": False, "best": best}, os.path.join(args.out, "best.pt"))
        torch.save(
            {**state, "opt": opt.state_dict(), "epoch": epoch, "epochs": args.epochs, "best": best, "history": history, "rng_cpu": torch.get_rng_state()},
            last,
        )
        if args.max_minutes and (time.time() - t_start) / 60 > args.max_minutes:
            print(f"stopping after {args.max_minutes} min; rerun the same command to resume", flush=True)
            break
        epoch += 1
    with open(os.path.join(args.out, "history.json"), "w") as f:
        json.dump({"best": best, "history": history, "args": vars(args)}, f, indent=1)
    print(f"best PublicTest accuracy {best['acc']:.4f} (epoch {best['epoch'] + 1}, flip TTA {best['acc_tta']:.4f})", flush=True)


if __name__ == "__main__":
    main()
