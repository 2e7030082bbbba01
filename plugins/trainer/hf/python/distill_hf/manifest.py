"""student.json for a Hugging Face student: where its weights are and which commit of which model they came from."""
import json
import os


def write_manifest(output_dir, job, commit, params, chat, lora=None):
    """Writes `student.json` (format "hf") atomically next to model/; `lora` (default: a LoRA job) names adapter/."""
    lora = job["method"] == "lora" if lora is None else lora
    manifest = {
        "format": "hf",
        "family": job["family"],
        "size": job["size"],
        "method": job["method"],
        "params": params,
        "model": job["model"],
        "revision": job.get("revision"),
        "commit": commit,
        "weights": "model",
        "adapter": "adapter" if lora else None,
        "chat_template": chat,
    }
    tmp = os.path.join(output_dir, f".student.json.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    os.replace(tmp, os.path.join(output_dir, "student.json"))
