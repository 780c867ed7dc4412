"""Build the disentanglement_lib fixture used by nbs/01a_dlib.ipynb, with real TensorFlow (not run by CI).

It creates the variables of disentanglement_lib's `conv_encoder` / `deconv_decoder` under their real names and
shapes (graph mode, `tf.compat.v1`, variable scopes `encoder` and `decoder`), fills them with random values, runs
the same graph that `tf.layers` builds (conv2d / conv2d_transpose with padding "SAME", NHWC flatten and reshape),
saves the variables as a TF-Hub-style `variables/` bundle (tf.compat.v1.train.Saver, V2 format) together with
Adam slots and a global step as a real training checkpoint has, writes a gin file like disentanglement_lib's
`train.gin`, and stores a batch of inputs with TensorFlow's outputs (means, log_var, decoder logits) in an npz.

    python -m venv /tmp/tfvenv && /tmp/tfvenv/bin/pip install tensorflow-cpu numpy
    /tmp/tfvenv/bin/python tools/make_dlib_fixture.py nbs/fixtures/dlib_beta_vae
"""
import sys
from pathlib import Path
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1
tf1.disable_eager_execution()
out = Path(sys.argv[1] if len(sys.argv) > 1 else 'nbs/fixtures/dlib_beta_vae')
rng = np.random.default_rng(0)
NUM_LATENT, N = 10, 8

def var(name, shape, fan_in):
    value = rng.normal(0, np.sqrt(2.0 / fan_in), size=shape).astype(np.float32)
    if name.endswith('bias'): value = rng.normal(0, 0.1, size=shape).astype(np.float32)
    return tf1.get_variable(name, initializer=value)

def conv(x, name, cin, cout, k):
    w, b = var(f'{name}/kernel', (k, k, cin, cout), k * k * cin), var(f'{name}/bias', (cout,), 1)
    return tf.nn.conv2d(x, w, strides=2, padding='SAME') + b                   # HWIO kernel, as tf.layers.conv2d

def deconv(x, name, cin, cout):
    w, b = var(f'{name}/kernel', (4, 4, cout, cin), 16 * cin), var(f'{name}/bias', (cout,), 1)
    n, h = tf.shape(x)[0], x.shape[1]
    return tf.nn.conv2d_transpose(x, w, tf.stack([n, 2 * h, 2 * h, cout]), strides=2, padding='SAME') + b

def dense(x, name, cin, cout):
    return tf.matmul(x, var(f'{name}/kernel', (cin, cout), cin)) + var(f'{name}/bias', (cout,), 1)

x = tf1.placeholder(tf.float32, [None, 64, 64, 1])
z = tf1.placeholder(tf.float32, [None, NUM_LATENT])
with tf1.variable_scope('encoder'):
    h = tf.nn.relu(conv(x, 'e1', 1, 32, 4)); h = tf.nn.relu(conv(h, 'e2', 32, 32, 4))
    h = tf.nn.relu(conv(h, 'e3', 32, 64, 2)); h = tf.nn.relu(conv(h, 'e4', 64, 64, 2))
    h = tf.nn.relu(dense(tf.reshape(h, [-1, 4 * 4 * 64]), 'e5', 1024, 256))
    means, log_var = dense(h, 'means', 256, NUM_LATENT), dense(h, 'log_var', 256, NUM_LATENT)
with tf1.variable_scope('decoder'):
    d = tf.nn.relu(dense(z, 'dense', NUM_LATENT, 256)); d = tf.nn.relu(dense(d, 'dense_1', 256, 1024))
    d = tf.reshape(d, [-1, 4, 4, 64])
    d = tf.nn.relu(deconv(d, 'conv2d_transpose', 64, 64)); d = tf.nn.relu(deconv(d, 'conv2d_transpose_1', 64, 32))
    d = tf.nn.relu(deconv(d, 'conv2d_transpose_2', 32, 32)); logits = deconv(d, 'conv2d_transpose_3', 32, 1)
model_vars = tf1.global_variables()
# a real checkpoint also holds Adam slots for every variable; a few (the small ones) keep the fixture small
extras = [tf1.get_variable(v.op.name + suffix, initializer=np.zeros(v.shape, np.float32))
          for v in model_vars if v.op.name.startswith('encoder/e1/') for suffix in ('/Adam', '/Adam_1')]
extras += [tf1.get_variable(name, initializer=np.float32(0.5)) for name in ('beta1_power', 'beta2_power')]
extras.append(tf1.get_variable('global_step', initializer=np.int64(300000)))

images = (rng.random((N, 64, 64, 1)) < 0.1).astype(np.float32)
codes = rng.normal(size=(N, NUM_LATENT)).astype(np.float32)
with tf1.Session() as sess:
    sess.run(tf1.global_variables_initializer())
    mu, lv = sess.run([means, log_var], {x: images})
    lg = sess.run(logits, {z: codes})
    (out / 'model' / 'tfhub' / 'variables').mkdir(parents=True, exist_ok=True)
    tf1.train.Saver(model_vars + extras).save(sess, str(out / 'model' / 'tfhub' / 'variables' / 'variables'),
                                              write_meta_graph=False, write_state=False)
n_params = int(sum(np.prod(v.shape) for v in model_vars))
np.savez_compressed(out / 'tf_outputs.npz', images=images, codes=codes, means=mu, log_var=lv, logits=lg,
                    num_parameters=n_params, tensorflow_version=tf.__version__)
(out / 'model' / 'results' / 'gin').mkdir(parents=True, exist_ok=True)
(out / 'model' / 'results' / 'gin' / 'train.gin').write_text("""# Parameters for model:
# ==============================================================================
model.batch_size = 64
model.model = @vae()
model.name = 'beta_vae'
model.random_seed = 3
model.training_steps = 300000
# Parameters for vae:
# ==============================================================================
vae.beta = 4.0
# Parameters for encoder:
# ==============================================================================
encoder.encoder_fn = @conv_encoder
encoder.num_latent = 10
# Parameters for decoder:
# ==============================================================================
decoder.decoder_fn = @deconv_decoder
reconstruction_loss.loss_fn = @bernoulli_loss
AdamOptimizer.beta1 = 0.9
AdamOptimizer.learning_rate = 0.0001
""")
print(f"wrote {out}: {n_params:,} model parameters, TensorFlow {tf.__version__}")
