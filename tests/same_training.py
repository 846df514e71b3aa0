"""An exact comparison of two experiments' training, for tests of anything that copies or restores one."""

from __future__ import annotations

import numpy as np
import torch

from dropviz.core.experiment import Experiment


def assert_same_training(a: Experiment, b: Experiment) -> None:
    """Everything copy_training_from would copy, compared exactly."""
    for ta, tb in ((a.trainer, b.trainer), (a.twin, b.twin)):
        sa, sb = ta.model.state_dict(), tb.model.state_dict()
        assert sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)
        oa, ob = ta.optimizer.state_dict(), tb.optimizer.state_dict()
        assert oa["param_groups"] == ob["param_groups"] and oa["state"].keys() == ob["state"].keys()
        for i in oa["state"]:
            for key, value in oa["state"][i].items():
                assert torch.equal(value, ob["state"][i][key]) if value is not None else ob["state"][i][key] is None
        assert torch.equal(ta.batch_rng.get_state(), tb.batch_rng.get_state())
        assert torch.equal(ta.model.generator.get_state(), tb.model.generator.get_state())
        assert torch.equal(ta._order, tb._order)
        assert (ta.steps_done, ta.diverged, ta.history) == (tb.steps_done, tb.diverged, tb.history)
        assert ta.model.drop_probs == tb.model.drop_probs and ta.batch_size == tb.batch_size
    assert (a.log, a.config) == (b.log, b.config)
    for da, db in ((a.split.train, b.split.train), (a.split.test, b.split.test)):
        np.testing.assert_array_equal(da.x, db.x)
        np.testing.assert_array_equal(da.y, db.y)
        assert (da.n_classes, da.name, da.x.dtype, da.y.dtype) == (db.n_classes, db.name, db.x.dtype, db.y.dtype)
